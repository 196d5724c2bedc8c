import { z } from "zod";
import { InputError, UnsupportedFormatError } from "../../errors/app-error.js";
import type { ComponentInput } from "../../inventory/component-planner.js";
import { parsePurl } from "../../purl/package-key.js";
import { parseJsonText, parseWithSchema } from "../json-input.js";

/** A component as read from an SBOM, before it has an id; its PURL is canonical. */
export type SbomComponent = ComponentInput;

/** What an SBOM says about the thing it describes and what the thing contains. */
export interface ParsedSbom {
  readonly format: string;
  readonly subject: { readonly name: string; readonly version: string | null; readonly type: string | null } | null;
  readonly components: readonly SbomComponent[];
}

/** The CycloneDX JSON versions this parser reads; the fields it uses are stable across them. */
export const CYCLONEDX_JSON_VERSIONS = ["1.2", "1.3", "1.4", "1.5", "1.6", "1.7"] as const;

interface RawComponent {
  type?: string | undefined;
  name: string;
  group?: string | undefined;
  version?: string | undefined;
  purl?: string | undefined;
  cpe?: string | undefined;
  "bom-ref"?: string | undefined;
  components?: RawComponent[] | undefined;
}

const componentSchema: z.ZodType<RawComponent> = z.lazy(() =>
  z.looseObject({
    type: z.string().optional(),
    name: z.string({ error: "a component needs a name" }).min(1, "a component needs a name"),
    group: z.string().optional(),
    version: z.string().optional(),
    purl: z.string().optional(),
    cpe: z.string().optional(),
    "bom-ref": z.string().optional(),
    components: z.array(componentSchema).optional(),
  }),
);

const bomSchema = z.looseObject({
  bomFormat: z.literal("CycloneDX"),
  specVersion: z.enum(CYCLONEDX_JSON_VERSIONS, {
    error: `unsupported CycloneDX specVersion; fleetpatch reads ${CYCLONEDX_JSON_VERSIONS.join(", ")}`,
  }),
  metadata: z
    .looseObject({
      component: z
        .looseObject({ name: z.string().min(1), version: z.string().optional(), type: z.string().optional() })
        .optional(),
    })
    .optional(),
  components: z.array(componentSchema).optional(),
});

/** Say what a non-CycloneDX-JSON document is, so the error points the user the right way. */
function rejectOtherFormats(text: string, location: string): void {
  const head = text.trimStart().slice(0, 512);
  if (head.startsWith("<")) {
    const what = head.includes("cyclonedx") ? "CycloneDX XML" : "XML";
    throw new UnsupportedFormatError(`${what} is not supported yet; export the SBOM as CycloneDX JSON`, {
      location,
    });
  }
  if (/^SPDXVersion:/m.test(head)) {
    throw new UnsupportedFormatError("SPDX tag-value is not supported yet; use CycloneDX JSON", { location });
  }
}

/**
 * Parse a CycloneDX JSON SBOM (1.2–1.7). Nested components are flattened; every PURL is parsed
 * here so that a malformed one is reported against its component instead of being skipped.
 */
export function parseCycloneDxJson(text: string, location: string): ParsedSbom {
  rejectOtherFormats(text, location);
  return parseCycloneDxValue(parseJsonText(text, location), location);
}

/** Parse a CycloneDX SBOM that is already a JSON value (an HTTP request body). */
export function parseCycloneDxValue(json: unknown, location: string): ParsedSbom {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new UnsupportedFormatError("not a CycloneDX SBOM: the document is not a JSON object", { location });
  }
  const document = json as Record<string, unknown>;
  if (document.bomFormat !== "CycloneDX") {
    const hint =
      typeof document.spdxVersion === "string"
        ? ` (it looks like an ${document.spdxVersion} document, which is not supported yet)`
        : "";
    throw new UnsupportedFormatError(`not a CycloneDX SBOM: bomFormat is not "CycloneDX"${hint}`, { location });
  }
  const bom = parseWithSchema(bomSchema, document, location);
  const components: SbomComponent[] = [];
  const walk = (list: readonly RawComponent[], path: string): void => {
    list.forEach((component, index) => {
      const here = `${path}[${index}]`;
      let purl: string | null = null;
      if (component.purl !== undefined && component.purl !== "") {
        try {
          purl = parsePurl(component.purl).canonical;
        } catch (error) {
          // Only the PURL parser's own InputError is the document's fault; anything else is a bug.
          if (!(error instanceof InputError)) throw error;
          throw new InputError(error.message, { location: `${location}: ${here}.purl`, cause: error });
        }
      }
      const name = component.group ? `${component.group}/${component.name}` : component.name;
      components.push({
        name,
        version: component.version ?? null,
        type: component.type ?? null,
        purl,
        cpe: component.cpe ?? null,
        bomRef: component["bom-ref"] ?? null,
      });
      if (component.components) walk(component.components, `${here}.components`);
    });
  };
  walk(bom.components ?? [], "components");
  const subject = bom.metadata?.component;
  return {
    format: `CycloneDX ${bom.specVersion}`,
    subject: subject ? { name: subject.name, version: subject.version ?? null, type: subject.type ?? null } : null,
    components,
  };
}
