import { InputError } from "../errors/app-error.js";
import type { Advisory } from "../matching/advisory.js";
import { compareInstants, parseRfc3339, type Rfc3339Instant } from "../time/rfc3339.js";

/** What an intelligence import writes, and how many of its records it leaves as they are. */
export interface AdvisoryPlan {
  /** Advisories whose id is not stored yet. */
  readonly insert: readonly Advisory[];
  /** Advisories that replace a stored, older version of the same id. */
  readonly replace: readonly Advisory[];
  /** Records of the same version (same `modified` instant) as the one stored or kept. */
  readonly unchanged: number;
  /** Records older than the version stored or kept from the same import: not written. */
  readonly older: number;
}

function instantOf(advisory: Advisory): Rfc3339Instant {
  const instant = parseRfc3339(advisory.modified);
  // Parsers refuse such records; a source that lets one through is named rather than trusted.
  if (!instant) {
    throw new InputError(`modified ${JSON.stringify(advisory.modified)} is not an RFC 3339 timestamp`, {
      location: `record ${advisory.id}`,
    });
  }
  return instant;
}

/**
 * Which imported advisories to write, as a pure function of the stored `modified` of each id and
 * the imported records. The later `modified` instant is authoritative (OSV: "the one with the
 * later modification time is considered authoritative"), so a record older than the stored one
 * never replaces it, and of two versions of one id in the same import the newer is kept. The same
 * instant is the same version, whatever else differs: nothing is written (imports are idempotent,
 * and a producer changes `modified` when it changes a record). A stored `modified` that is not
 * RFC 3339 (written before records were validated) counts as older than any valid one
 * (docs/adr/0022).
 */
export function planAdvisoryChanges(
  storedModified: ReadonlyMap<string, string>,
  imported: readonly Advisory[],
): AdvisoryPlan {
  const newest = new Map<string, { advisory: Advisory; instant: Rfc3339Instant }>();
  let unchanged = 0;
  let older = 0;
  for (const advisory of imported) {
    const instant = instantOf(advisory);
    const kept = newest.get(advisory.id);
    if (!kept) {
      newest.set(advisory.id, { advisory, instant });
      continue;
    }
    const order = compareInstants(instant, kept.instant);
    if (order > 0) newest.set(advisory.id, { advisory, instant });
    if (order === 0) unchanged += 1;
    else older += 1;
  }
  const insert: Advisory[] = [];
  const replace: Advisory[] = [];
  for (const { advisory, instant } of newest.values()) {
    const storedText = storedModified.get(advisory.id);
    if (storedText === undefined) {
      insert.push(advisory);
      continue;
    }
    const stored = parseRfc3339(storedText);
    const order = stored ? compareInstants(instant, stored) : 1;
    if (order > 0) replace.push(advisory);
    else if (order === 0) unchanged += 1;
    else older += 1;
  }
  return { insert, replace, unchanged, older };
}
