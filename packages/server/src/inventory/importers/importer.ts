import type { ParsedSbom } from "@fleetpatch/core";

/** One inventory document to import, as text (a file) or parsed JSON (an HTTP body), and where it came from. */
export type InventoryDocument =
  | { readonly location: string; readonly text: string }
  | { readonly location: string; readonly json: unknown };

/**
 * An inventory importer: one folder under `inventory/importers/`, registered in `registry.ts`.
 * Adding a format (SPDX, CSV, Nmap XML, package databases …) is adding a folder.
 */
export interface InventoryImporter {
  /** Stable name, shown in errors and `--format` (e.g. `cyclonedx-json`). */
  readonly name: string;
  /** What it reads, for help and error messages. */
  readonly description: string;
  /** True when the document is in this importer's format; looks only at what is cheap to look at. */
  detect(document: InventoryDocument): boolean;
  /** Parse the document; errors are InputErrors naming the location, the record and the field. */
  parse(document: InventoryDocument): ParsedSbom;
}
