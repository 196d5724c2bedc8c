import type { AffectedPackage } from "./affected-package.js";

/**
 * One vulnerability record from any source, normalised at ingest: ids, dates, affected packages
 * with vers ranges, and the record verbatim for provenance. Every intelligence source produces
 * these, so storage and matching never branch on the source.
 */
export interface Advisory {
  /** The record's own id in its source (`RUSTSEC-2023-0034`, `CVE-2024-3094`). */
  readonly id: string;
  /** The id findings show: the oldest CVE alias, else the record id. */
  readonly preferredId: string;
  /** Every other id of the same vulnerability (CVE, GHSA, …), without the record's own id. */
  readonly aliases: readonly string[];
  readonly summary: string | null;
  readonly published: string | null;
  readonly modified: string;
  readonly withdrawn: string | null;
  readonly affected: readonly AffectedPackage[];
  /** The record as received, kept verbatim. */
  readonly record: string;
}
