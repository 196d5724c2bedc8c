import type { Advisory, AdvisorySource } from "@fleetpatch/core";

/**
 * A source of vulnerability intelligence: one folder under `intel/sources/`, registered in
 * `registry.ts`. Adding a source (NVD, CVE 5, CSAF, KEV …) is adding a folder; everything after
 * parsing — storage, aliases, matching — is the same for every source.
 */
export interface IntelSource {
  /** Stable name, stored with every advisory and shown as a finding's source. */
  readonly name: AdvisorySource;
  /** What it reads, as it fits "no … files found" (`OSV JSON`). */
  readonly description: string;
  /** Extensions of the files it reads (`.json`); a file given by name with another one is refused. */
  readonly fileExtensions: readonly string[];
  /** What to tell the user about a file given by name whose extension is not in `fileExtensions`. */
  unsupportedFileHint(extension: string): string;
  /**
   * Parse one JSON document into advisories; errors are InputErrors naming the record and field,
   * and what the format forbids but changes nothing concluded goes to `warn` (docs/adr/0021).
   */
  parseDocument(json: unknown, location: string, warn: (message: string) => void): Advisory[];
}
