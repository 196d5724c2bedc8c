import { type Comparator, Range, SemVer } from "semver";
import { NativeRangeError } from "../vers-errors.js";
import type { Vers, VersConstraint } from "../vers-types.js";
import { versFromAlternatives } from "./interval-union.js";

/**
 * node-semver's own parser desugars carets, tildes, X-ranges and hyphen ranges, so npm ranges are
 * read exactly as npm reads them rather than by a second, subtly different grammar.
 */
function toConstraint(comparator: Comparator): VersConstraint[] {
  if (comparator.value === "") return [];
  const { operator, semver } = comparator;
  return [{ comparator: operator === "" ? "=" : operator, version: semver.version }];
}

/** `2.0.0-0` → `2.0.0`, the release whose lowest pre-release node-semver used as a bound. */
function releaseOfPrereleaseFloor(version: string): string | undefined {
  const parsed = new SemVer(version);
  const isFloor = parsed.prerelease.length === 1 && parsed.prerelease[0] === 0;
  return isFloor ? `${parsed.major}.${parsed.minor}.${parsed.patch}` : undefined;
}

/**
 * node-semver writes upper bounds as `<2.0.0-0` to keep 2.0.0's pre-releases out. Advisories and
 * univers write `<2.0.0`, which differs only on those pre-releases, so the short form is used —
 * unless the range itself names a pre-release of 2.0.0, where the difference is real.
 */
function shortenPrereleaseFloors(vers: Vers): Vers {
  const mentioned = vers.constraints.map((constraint) => new SemVer(constraint.version));
  const constraints = vers.constraints.map((constraint) => {
    const release = constraint.comparator === "<" ? releaseOfPrereleaseFloor(constraint.version) : undefined;
    if (release === undefined) return constraint;
    const namesPrereleaseOfRelease = mentioned.some(
      (other) =>
        other.prerelease.length > 0 &&
        other.version !== constraint.version &&
        `${other.major}.${other.minor}.${other.patch}` === release,
    );
    return namesPrereleaseOfRelease ? constraint : { ...constraint, version: release };
  });
  return { ...vers, constraints };
}

/** Convert an npm (node-semver) range such as `^1.2.3 || >=2.0.0 <3` to a canonical vers. */
export function versFromNpmRange(range: string): Vers {
  const alternatives = range.split("||").map((alternative): VersConstraint[][] => {
    // node-semver folds `>=0.0.0` into "any", which would also admit 0.0.0 pre-releases; advisories
    // that write `>=0` mean the release floor, so it is kept as written.
    const floor = /^\s*>=\s*v?0(?:\.0){0,2}\s*$/.exec(alternative);
    if (floor) return [[{ comparator: ">=", version: "0.0.0" }]];
    try {
      return new Range(alternative.trim()).set.map((comparators) => comparators.flatMap(toConstraint));
    } catch (cause) {
      throw new NativeRangeError("npm", range, "not a node-semver range", { cause });
    }
  });
  return shortenPrereleaseFloors(versFromAlternatives("npm", alternatives.flat(), range));
}
