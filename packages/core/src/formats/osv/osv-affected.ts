import { resolveOsvEcosystem } from "../../ecosystems/ecosystems.js";
import { isAppError } from "../../errors/app-error.js";
import type { AffectedPackage, AffectedRange, SkippedRange } from "../../matching/affected-package.js";
import type { PackageKey } from "../../purl/package-key.js";
import { EmptyNativeRangeError } from "../../vers/native/interval-union.js";
import { versFromOsvRange } from "../../vers/osv-range.js";
import { formatVers } from "../../vers/vers-syntax.js";
import type { OsvAffected, OsvRange } from "./osv-types.js";

/** The range as the advisory states it, in event order: `SEMVER >=0.6.3 <0.6.14 limit 2.0`. */
export function describeOsvRange(range: OsvRange): string {
  const parts = range.events.map((event) => {
    if (event.introduced !== undefined) return `>=${event.introduced}`;
    if (event.fixed !== undefined) return `<${event.fixed}`;
    if (event.last_affected !== undefined) return `<=${event.last_affected}`;
    return `limit ${event.limit ?? "?"}`;
  });
  return `${range.type} ${parts.join(" ")}`;
}

/**
 * Normalise one OSV `affected[]` entry for matching: every SEMVER and ECOSYSTEM range becomes a
 * canonical vers here, once, at ingest (vers is the only range engine, docs/adr/0014). A range
 * that affects no version is dropped; one that cannot be converted (GIT commits, an ecosystem
 * without a version scheme, a version the scheme rejects) is kept in `skipped` with the reason,
 * so it costs recall visibly and never precision.
 */
export function normaliseOsvAffected(key: PackageKey, affected: OsvAffected): AffectedPackage {
  const ranges: AffectedRange[] = [];
  const skipped: SkippedRange[] = [];
  for (const range of affected.ranges) {
    const detail = describeOsvRange(range);
    try {
      ranges.push({ vers: formatVers(versFromOsvRange(affected.ecosystem, range)), detail });
    } catch (error) {
      // An empty range is a statement ("not affected"), not a gap.
      if (error instanceof EmptyNativeRangeError) continue;
      // The vers engine refuses what it cannot read with typed errors; anything else is a bug.
      if (!isAppError(error)) throw error;
      skipped.push({ detail, reason: error.message });
    }
  }
  return {
    key,
    ecosystem: affected.ecosystem,
    release: resolveOsvEcosystem(affected.ecosystem)?.release ?? null,
    ranges,
    versions: [...affected.versions],
    skipped,
  };
}
