/**
 * The parts of an OSV record (schema 1.x, https://ossf.github.io/osv-schema/) that matching uses.
 * The full record is kept verbatim by the store; these types are the normalised view.
 */

/** One OSV range event; exactly one field is set. */
export interface OsvEvent {
  readonly introduced?: string;
  readonly fixed?: string;
  readonly last_affected?: string;
  readonly limit?: string;
}

/** An OSV range: SEMVER and ECOSYSTEM are evaluated, GIT is kept but not evaluated here. */
export interface OsvRange {
  readonly type: "SEMVER" | "ECOSYSTEM" | "GIT";
  readonly repo?: string;
  readonly events: readonly OsvEvent[];
}

/** One `affected[]` entry of an OSV record. */
export interface OsvAffected {
  readonly ecosystem: string;
  readonly name: string;
  readonly purl?: string;
  readonly ranges: readonly OsvRange[];
  readonly versions: readonly string[];
}
