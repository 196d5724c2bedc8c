import type { PackageKey } from "../purl/package-key.js";

/**
 * What any advisory source says is affected, normalised once at ingest so that matching is the same
 * for every source (OSV now; NVD, CVE 5 and CSAF ranges take the same shape): a package key, the
 * distribution release the statement is scoped to, ranges as canonical vers, explicit versions.
 */
export interface AffectedPackage {
  readonly key: PackageKey;
  /** The source's own name of the package's ecosystem (OSV `Debian:12`), kept for provenance. */
  readonly ecosystem: string;
  /** Release key (`12`, `22.04`; see ecosystems/ReleaseRule), or null when the statement is not scoped. */
  readonly release: string | null;
  readonly ranges: readonly AffectedRange[];
  /** Versions named one by one, compared as exact strings (OSV `versions`). */
  readonly versions: readonly string[];
  /** Ranges that could not be converted to vers, kept so the gap is visible rather than silent. */
  readonly skipped: readonly SkippedRange[];
}

/** One affected range: the canonical vers that matching evaluates and the advisory's own words. */
export interface AffectedRange {
  /** Canonical vers (`vers:cargo/>=0.6.3|<0.6.14`). */
  readonly vers: string;
  /** The range as the advisory states it (`SEMVER >=0.6.3 <0.6.14`), quoted in evidence. */
  readonly detail: string;
}

/** A range that cannot be evaluated, and why (a GIT range, a version the scheme rejects …). */
export interface SkippedRange {
  readonly detail: string;
  readonly reason: string;
}
