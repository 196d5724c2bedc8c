import type { Advisory, AdvisorySource } from "@fleetpatch/core";

/**
 * A source of vulnerability intelligence: one folder under `intel/sources/`, registered in
 * `registry.ts`. Adding a source (NVD, CVE 5, CSAF, KEV …) is adding a folder; everything after
 * parsing — storage, aliases, matching — is the same for every source.
 */
export interface IntelSource {
  /** Stable name, stored with every advisory and shown as a finding's source. */
  readonly name: AdvisorySource;
  /** What it reads, for help and error messages. */
  readonly description: string;
  /** Extensions of the files it reads when walking a directory (`.json`). */
  readonly fileExtensions: readonly string[];
  /** Why a file given by name is refused (it has another extension); null accepts it. */
  refuseFile(extension: string): string | null;
  /** Parse one JSON document into advisories; errors are InputErrors naming the record and field. */
  parseDocument(json: unknown, location: string): Advisory[];
}
