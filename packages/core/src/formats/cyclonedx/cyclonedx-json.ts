import { z } from "zod";
import { InputError, UnsupportedFormatError } from "../../errors/app-error.js";
import { ComponentCollector, type ImportWarning } from "../../inventory/component-collector.js";
import type { ComponentInput } from "../../inventory/component-planner.js";
import { abbreviate, INVENTORY_LIMITS, textProblem } from "../../inventory/limits.js";
import { formatPackageUrl, type PackageUrl, parsePackageUrl } from "../../purl/purl.js";
import { parseJsonText, parseWithSchema } from "../json-input.js";

/** A component as read from an SBOM, before it has an id; its PURL is canonical. */
export type SbomComponent = ComponentInput;

/** What an SBOM says about the thing it describes and what the thing contains. */
export interface ParsedSbom {
  readonly format: string;
  readonly subject: { readonly name: string; readonly version: string | null; readonly type: string | null } | null;
  /** One per distinct component; identical entries are one component with their count (docs/adr/0023). */
  readonly components: readonly SbomComponent[];
  /** Component entries in the document, duplicates included. */
  readonly entries: number;
  /** What was accepted but deserves a look: identity conflicts, parts of the document not imported. */
  readonly warnings: readonly ImportWarning[];
}

/** The CycloneDX JSON versions this parser reads; the fields it uses are stable across them. */
export const CYCLONEDX_JSON_VERSIONS = ["1.2", "1.3", "1.4", "1.5", "1.6", "1.7"] as const;

/**
 * One component, without descending into its `components`: the walk in parseCycloneDxValue is
 * iterative, so a deeply nested document cannot overflow the stack as a recursive schema did.
 */
const componentSchema = z.looseObject({
  type: z.string().optional(),
  name: z.string({ error: "a component needs a name" }).min(1, "a component needs a name"),
  group: z.string().optional(),
  version: z.string().optional(),
  purl: z.string().optional(),
  cpe: z.string().optional(),
  "bom-ref": z.string().optional(),
  components: z.array(z.unknown()).optional(),
});

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
  components: z.array(z.unknown()).optional(),
  vulnerabilities: z.array(z.unknown()).optional(),
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
  const vulnerabilities = bom.vulnerabilities?.length ?? 0;
  const warnings: ImportWarning[] = [];
  if (vulnerabilities > 0) {
    // A VEX or VDR document states vulnerabilities of components described elsewhere; read as an
    // inventory it would replace the asset's components with nothing (docs/adr/0024).
    if (!bom.components?.length) {
      throw new UnsupportedFormatError(
        `this CycloneDX document lists ${vulnerabilities} ${vulnerabilities === 1 ? "vulnerability" : "vulnerabilities"} and no components: it is a VEX or VDR document, not an inventory, and importing it would empty the asset; VEX import is not available yet`,
        { location },
      );
    }
    warnings.push({
      location: `${location}: vulnerabilities`,
      message: `the document's ${vulnerabilities} vulnerability ${vulnerabilities === 1 ? "entry was" : "entries were"} not imported (VEX import is not available yet)`,
    });
  }
  const subject = bom.metadata?.component;
  if (subject) {
    checkText(subject.version, INVENTORY_LIMITS.version, location, "metadata.component.version", null);
    checkText(subject.type, INVENTORY_LIMITS.componentType, location, "metadata.component.type", null);
  }
  const collected = collectComponents(bom.components ?? [], location);
  return {
    format: `CycloneDX ${bom.specVersion}`,
    subject: subject ? { name: subject.name, version: subject.version ?? null, type: subject.type ?? null } : null,
    components: collected.components,
    entries: collected.entries,
    warnings: [...collected.warnings, ...warnings],
  };
}

/** Refuse a stored text that is too long or holds control characters, naming the field and the entry's bom-ref. */
function checkText(
  value: string | undefined,
  limit: number,
  location: string,
  field: string,
  bomRef: string | null,
): void {
  if (value === undefined) return;
  const problem = textProblem(value, limit);
  if (problem === null) return;
  const ref = bomRef === null ? "" : ` (bom-ref "${abbreviate(bomRef)}")`;
  throw new InputError(problem, { location: `${location}: ${field}${ref}` });
}

/** A parsed PURL and its canonical form. */
interface ReadPurl {
  readonly purl: PackageUrl;
  readonly canonical: string;
}

/**
 * A component's PURL, parsed, with every part that is stored checked as checkText checks text.
 * `seen` remembers PURLs already read: SBOMs repeat them (one per dependency path), and parsing
 * is most of the cost of a large import.
 */
function componentPurl(
  raw: string,
  location: string,
  field: string,
  bomRef: string | null,
  seen: Map<string, ReadPurl>,
): ReadPurl {
  const known = seen.get(raw);
  if (known) return known;
  checkText(raw, INVENTORY_LIMITS.purl, location, field, bomRef);
  let purl: PackageUrl;
  try {
    purl = parsePackageUrl(raw);
  } catch (error) {
    // Only the PURL parser's own InputError is the document's fault; anything else is a bug.
    if (!(error instanceof InputError)) throw error;
    throw new InputError(error.message, { location: `${location}: ${field}`, cause: error });
  }
  // Percent-encoding can smuggle in what the raw text does not show (`a%00b`), and the canonical
  // form can be longer than the raw one.
  const decoded = [purl.namespace, purl.name, purl.version, ...Object.values(purl.qualifiers ?? {})];
  for (const part of decoded) {
    if (part !== null) checkText(part, INVENTORY_LIMITS.purl, location, `${field} (decoded)`, bomRef);
  }
  const canonical = formatPackageUrl(purl);
  checkText(canonical, INVENTORY_LIMITS.purl, location, `${field} (canonical form)`, bomRef);
  // Bounded, so a million different PURLs cost no more memory than the document itself does.
  if (seen.size >= 10_000) seen.clear();
  const read = { purl, canonical };
  seen.set(raw, read);
  return read;
}

/**
 * Flatten `components` and their nested `components`, depth first as they appear, into the
 * collector, which collapses identical entries. Iterative with an explicit stack and a nesting
 * limit: a thousand levels of nesting is an attack, not an SBOM.
 */
function collectComponents(top: readonly unknown[], location: string) {
  const collector = new ComponentCollector(location);
  const purls = new Map<string, ReadPurl>();
  const stack: Array<{ list: readonly unknown[]; next: number; path: string; depth: number }> = [
    { list: top, next: 0, path: "components", depth: 1 },
  ];
  for (let frame = stack[0]; frame !== undefined; frame = stack[stack.length - 1]) {
    if (frame.next >= frame.list.length) {
      stack.pop();
      continue;
    }
    const index = frame.next++;
    const here = `${frame.path}[${index}]`;
    const component = parseWithSchema(componentSchema, frame.list[index], location, [here]);
    // The bom-ref first: once it is known to be printable, every other message can quote it.
    checkText(component["bom-ref"], INVENTORY_LIMITS.bomRef, location, `${here}.bom-ref`, null);
    const bomRef = component["bom-ref"] || null;
    const name = component.group ? `${component.group}/${component.name}` : component.name;
    checkText(
      name,
      INVENTORY_LIMITS.componentName,
      location,
      `${here}.${component.group ? "group/name" : "name"}`,
      bomRef,
    );
    checkText(component.version, INVENTORY_LIMITS.version, location, `${here}.version`, bomRef);
    checkText(component.type, INVENTORY_LIMITS.componentType, location, `${here}.type`, bomRef);
    checkText(component.cpe, INVENTORY_LIMITS.cpe, location, `${here}.cpe`, bomRef);
    const purl = component.purl ? componentPurl(component.purl, location, `${here}.purl`, bomRef, purls) : null;
    collector.add(
      {
        name,
        declaredVersion: component.version ?? null,
        type: component.type ?? null,
        purl: purl?.purl ?? null,
        canonicalPurl: purl?.canonical ?? null,
        cpe: component.cpe ?? null,
        ref: bomRef,
      },
      here,
    );
    if (component.components?.length) {
      if (frame.depth >= INVENTORY_LIMITS.componentNesting) {
        throw new InputError(
          `components are nested more than ${INVENTORY_LIMITS.componentNesting} levels deep; fleetpatch reads at most ${INVENTORY_LIMITS.componentNesting}`,
          { location: `${location}: ${abbreviate(here, 120)}.components` },
        );
      }
      stack.push({ list: component.components, next: 0, path: `${here}.components`, depth: frame.depth + 1 });
    }
  }
  return collector.result();
}
