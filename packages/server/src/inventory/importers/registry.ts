import { UnsupportedFormatError } from "@fleetpatch/core";
import { cycloneDxJsonImporter } from "./cyclonedx/index.js";
import type { InventoryDocument, InventoryImporter } from "./importer.js";

/** Every inventory importer; the registry test fails when a folder here is not listed. */
export const INVENTORY_IMPORTERS: readonly InventoryImporter[] = [cycloneDxJsonImporter];

/** What a document that no importer reads looks like, so the error points the user the right way. */
function describeUnknown(document: InventoryDocument): string {
  if ("json" in document) {
    const value = document.json as Record<string, unknown> | null;
    if (value && typeof value === "object" && typeof value.spdxVersion === "string") {
      return `an ${value.spdxVersion} JSON document (SPDX is not supported yet)`;
    }
    return "a JSON document of no known SBOM format";
  }
  const head = document.text.trimStart().slice(0, 512);
  if (head === "") return "an empty document";
  if (head.startsWith("<")) return head.includes("cyclonedx") ? "CycloneDX XML (not supported yet)" : "an XML document";
  if (/^SPDXVersion:/m.test(head)) return "SPDX tag-value (not supported yet)";
  if (/"spdxVersion"\s*:/.test(head)) return "an SPDX JSON document (not supported yet)";
  return "no known SBOM format";
}

/** The importer that reads `document`, or UnsupportedFormatError naming what was found and what is read. */
export function importerFor(document: InventoryDocument): InventoryImporter {
  const importer = INVENTORY_IMPORTERS.find((candidate) => candidate.detect(document));
  if (importer) return importer;
  const supported = INVENTORY_IMPORTERS.map((candidate) => candidate.description).join(", ");
  throw new UnsupportedFormatError(`this is ${describeUnknown(document)}; fleetpatch imports ${supported}`, {
    location: document.location,
  });
}
