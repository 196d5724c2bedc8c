import type { VersionScheme } from "../../versions/version-scheme.js";
import { canonicalVers } from "../vers.js";
import { NativeRangeError } from "../vers-errors.js";
import { versSchemeFor } from "../vers-schemes.js";
import type { Vers, VersComparator, VersConstraint } from "../vers-types.js";

/**
 * Native notations (npm, PyPI, composer, OSV events, NVD bounds …) all reduce to "any of these
 * alternatives, each being all of these comparisons". A vers is a flat, sorted list of signposts,
 * so alternatives cannot simply be concatenated: overlapping ones would produce an invalid or
 * wrong vers. Each alternative is therefore intersected into one interval and the intervals are
 * united, which yields the one canonical, valid vers for the set of versions.
 */

/** Any of `alternatives`, each of which is all of its constraints (empty alternative = every version). */
export type NativeAlternatives = readonly (readonly VersConstraint[])[];

/** The native range matches no version at all, so there is no vers for it. */
export class EmptyNativeRangeError extends NativeRangeError {
  constructor(versType: string, nativeRange: string) {
    super(versType, nativeRange, "the range matches no version");
  }
}

interface Bound<P> {
  readonly version: string;
  readonly parsed: P;
  readonly inclusive: boolean;
}

interface Interval<P> {
  readonly lower?: Bound<P>;
  readonly upper?: Bound<P>;
  readonly excluded: readonly Bound<P>[];
}

/** Order of two lower bounds: the tighter (larger) one is greater. */
function compareLower<P>(scheme: VersionScheme<P>, a: Bound<P>, b: Bound<P>): number {
  const order = scheme.compare(a.parsed, b.parsed);
  if (order !== 0) return order;
  return a.inclusive === b.inclusive ? 0 : a.inclusive ? -1 : 1;
}

/** Order of two upper bounds: the tighter (smaller) one is smaller. */
function compareUpper<P>(scheme: VersionScheme<P>, a: Bound<P>, b: Bound<P>): number {
  const order = scheme.compare(a.parsed, b.parsed);
  if (order !== 0) return order;
  return a.inclusive === b.inclusive ? 0 : a.inclusive ? 1 : -1;
}

/** Whether a parsed version lies inside an interval's bounds (ignoring exclusions). */
function withinBounds<P>(scheme: VersionScheme<P>, interval: Interval<P>, version: P): boolean {
  if (interval.lower) {
    const order = scheme.compare(version, interval.lower.parsed);
    if (order < 0 || (order === 0 && !interval.lower.inclusive)) return false;
  }
  if (interval.upper) {
    const order = scheme.compare(version, interval.upper.parsed);
    if (order > 0 || (order === 0 && !interval.upper.inclusive)) return false;
  }
  return true;
}

function intervalContains<P>(scheme: VersionScheme<P>, interval: Interval<P>, version: P): boolean {
  return (
    withinBounds(scheme, interval, version) &&
    !interval.excluded.some((bound) => scheme.compare(bound.parsed, version) === 0)
  );
}

/** Intersect one alternative into a single interval, or undefined when it is empty. */
function intersect<P>(scheme: VersionScheme<P>, constraints: readonly VersConstraint[]): Interval<P> | undefined {
  let lower: Bound<P> | undefined;
  let upper: Bound<P> | undefined;
  let point: Bound<P> | undefined;
  const excluded: Bound<P>[] = [];
  for (const { comparator, version } of constraints) {
    const parsed = scheme.parse(version);
    const bound: Bound<P> = { version, parsed, inclusive: comparator !== "<" && comparator !== ">" };
    if (comparator === "=") {
      if (point && scheme.compare(point.parsed, parsed) !== 0) return undefined;
      point = bound;
    } else if (comparator === "!=") excluded.push(bound);
    else if (comparator === ">" || comparator === ">=") {
      if (!lower || compareLower(scheme, bound, lower) > 0) lower = bound;
    } else if (!upper || compareUpper(scheme, bound, upper) < 0) upper = bound;
  }
  if (point) {
    const candidate: Interval<P> = { lower, upper, excluded };
    return intervalContains(scheme, candidate, point.parsed) ? { lower: point, upper: point, excluded: [] } : undefined;
  }
  if (lower && upper) {
    const order = scheme.compare(lower.parsed, upper.parsed);
    if (order > 0 || (order === 0 && !(lower.inclusive && upper.inclusive))) return undefined;
  }
  // An exclusion on an inclusive bound just makes the bound exclusive; outside the interval it is moot.
  const inside: Bound<P>[] = [];
  for (const bound of excluded) {
    if (lower && scheme.compare(bound.parsed, lower.parsed) === 0 && lower.inclusive) {
      lower = { ...lower, inclusive: false };
    } else if (upper && scheme.compare(bound.parsed, upper.parsed) === 0 && upper.inclusive) {
      upper = { ...upper, inclusive: false };
    } else if (withinBounds(scheme, { lower, upper, excluded: [] }, bound.parsed)) inside.push(bound);
  }
  if (lower && upper && scheme.compare(lower.parsed, upper.parsed) === 0) {
    // `>=2 <=2` is the single version 2; a shared bound object marks an interval as a point.
    return lower.inclusive && upper.inclusive ? { lower, upper: lower, excluded: [] } : undefined;
  }
  return { lower, upper, excluded: inside };
}

/** Whether `next` (starting no earlier than `current`) touches or overlaps `current`, and where any hole is. */
function join<P>(
  scheme: VersionScheme<P>,
  current: Interval<P>,
  next: Interval<P>,
): { readonly touches: boolean; readonly hole?: Bound<P> } {
  if (!current.upper || !next.lower) return { touches: true };
  const order = scheme.compare(next.lower.parsed, current.upper.parsed);
  if (order < 0) return { touches: true };
  if (order > 0) return { touches: false };
  if (current.upper.inclusive || next.lower.inclusive) return { touches: true };
  // `<2|>2` leaves exactly one version out: written as `!=2`, never as two constraints on one version.
  return { touches: true, hole: current.upper };
}

/** The looser of two upper bounds (undefined = unbounded). */
function widerUpper<P>(scheme: VersionScheme<P>, a?: Bound<P>, b?: Bound<P>): Bound<P> | undefined {
  if (!a || !b) return undefined;
  return compareUpper(scheme, a, b) >= 0 ? a : b;
}

/** Unite intervals, then keep only exclusions that no alternative covers. */
function unite<P>(scheme: VersionScheme<P>, intervals: readonly Interval<P>[]): Interval<P>[] {
  const sorted = [...intervals].sort((a, b) => {
    if (!a.lower || !b.lower) return a.lower ? 1 : b.lower ? -1 : 0;
    return compareLower(scheme, a.lower, b.lower);
  });
  const holes: Bound<P>[] = [];
  const merged: { lower?: Bound<P>; upper?: Bound<P> }[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    const joined = last ? join(scheme, { ...last, excluded: [] }, interval) : { touches: false };
    if (last && joined.touches) {
      if (joined.hole) holes.push(joined.hole);
      last.upper = widerUpper(scheme, last.upper, interval.upper);
    } else merged.push({ lower: interval.lower, upper: interval.upper });
  }
  const candidates = [...holes, ...intervals.flatMap((interval) => interval.excluded)];
  const excluded = candidates.filter(
    (bound, index) =>
      !intervals.some((interval) => intervalContains(scheme, interval, bound.parsed)) &&
      candidates.findIndex((other) => scheme.compare(other.parsed, bound.parsed) === 0) === index,
  );
  return merged.map((interval) => ({
    ...interval,
    excluded: excluded.filter((bound) => withinBounds(scheme, { ...interval, excluded: [] }, bound.parsed)),
  }));
}

/** Turn united intervals into vers constraints. */
function toConstraints<P>(intervals: readonly Interval<P>[]): VersConstraint[] | "*" {
  const constraints: VersConstraint[] = [];
  for (const { lower, upper, excluded } of intervals) {
    if (!lower && !upper && excluded.length === 0) return "*";
    if (lower && upper && lower === upper) {
      constraints.push({ comparator: "=", version: lower.version });
      continue;
    }
    if (lower) constraints.push({ comparator: lower.inclusive ? ">=" : ">", version: lower.version });
    for (const bound of excluded) constraints.push({ comparator: "!=", version: bound.version });
    if (upper) constraints.push({ comparator: upper.inclusive ? "<=" : "<", version: upper.version });
  }
  return constraints;
}

/**
 * The canonical vers for "any of these alternatives", computed with the type's version scheme.
 * Throws UnsupportedVersionSchemeError, InvalidVersionError, or EmptyNativeRangeError.
 */
export function versFromAlternatives(versType: string, alternatives: NativeAlternatives, nativeRange: string): Vers {
  const scheme = versSchemeFor(versType);
  const intervals = alternatives
    .map((constraints) => intersect(scheme, constraints))
    .filter((interval): interval is Interval<unknown> => interval !== undefined);
  if (intervals.length === 0) throw new EmptyNativeRangeError(versType, nativeRange);
  const constraints = toConstraints(unite(scheme, intervals));
  if (constraints === "*") return { type: versType, anyVersion: true, constraints: [] };
  return canonicalVers({ type: versType, anyVersion: false, constraints });
}

/** Parse a simple comparator prefix (`>=`, `<`, `==`, `=` …) off a native token; bare means `=`. */
export function splitNativeComparator(
  token: string,
  comparators: Readonly<Record<string, VersComparator>>,
): { readonly comparator: VersComparator; readonly version: string } | undefined {
  const native = Object.keys(comparators)
    .sort((a, b) => b.length - a.length)
    .find((candidate) => token.startsWith(candidate));
  if (native === undefined) return undefined;
  const comparator = comparators[native];
  return comparator === undefined ? undefined : { comparator, version: token.slice(native.length).trim() };
}
