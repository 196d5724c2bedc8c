import type { VersionScheme } from "../versions/version-scheme.js";
import { NonCanonicalVersError, VersSyntaxError } from "./vers-errors.js";
import { STAR_ONLY_TYPES, versSchemeFor } from "./vers-schemes.js";
import { formatVers, parseVersSyntax, type VersStrictness } from "./vers-syntax.js";
import type { Vers, VersComparator, VersConstraint } from "./vers-types.js";

/** A constraint whose version has been parsed once by its scheme (STYLE habit 7). */
interface ParsedConstraint<P> {
  readonly constraint: VersConstraint;
  readonly parsed: P;
}

const DATETIME_LOWERCASE = /[tz]/;

/** Apply type-specific textual rules that the generic syntax layer cannot know. */
function applyTypeRules(vers: Vers, strictness: VersStrictness, location?: string): Vers {
  if (STAR_ONLY_TYPES.has(vers.type) && !vers.anyVersion) {
    throw new VersSyntaxError(`"vers:${vers.type}/*" is the only valid form of type ${vers.type}`, { location });
  }
  if (vers.type !== "datetime") return vers;
  // RFC 3339 allows t and z, the vers spec makes the uppercase spelling the only canonical one.
  if (strictness === "canonical") {
    const lowercase = vers.constraints.find((constraint) => DATETIME_LOWERCASE.test(constraint.version));
    if (lowercase) throw new NonCanonicalVersError(`datetime "${lowercase.version}" must use uppercase T and Z`);
    return vers;
  }
  return {
    ...vers,
    constraints: vers.constraints.map((constraint) => ({ ...constraint, version: constraint.version.toUpperCase() })),
  };
}

/** Parse every version with the type's scheme; scheme errors (InvalidVersionError) propagate. */
function parseConstraints<P>(scheme: VersionScheme<P>, vers: Vers): ParsedConstraint<P>[] {
  return vers.constraints.map((constraint) => ({ constraint, parsed: scheme.parse(constraint.version) }));
}

/** Stable sort by version: the spec's canonical order; equal versions keep their input order. */
function sortByVersion<P>(scheme: VersionScheme<P>, parsed: readonly ParsedConstraint<P>[]): ParsedConstraint<P>[] {
  return [...parsed].sort((a, b) => scheme.compare(a.parsed, b.parsed));
}

const LOWER: ReadonlySet<VersComparator> = new Set([">", ">="]);
const UPPER: ReadonlySet<VersComparator> = new Set(["<", "<="]);

/** Enforce the spec's validity rules on a list already known to be parsed: order, uniqueness, sequence. */
function checkCanonicalSequence<P>(scheme: VersionScheme<P>, parsed: readonly ParsedConstraint<P>[]): void {
  for (let index = 1; index < parsed.length; index++) {
    const previous = parsed[index - 1];
    const current = parsed[index];
    if (previous === undefined || current === undefined) continue;
    const order = scheme.compare(previous.parsed, current.parsed);
    if (order > 0) throw new NonCanonicalVersError("constraints are not sorted by version");
    if (order === 0) throw new NonCanonicalVersError(`version "${current.constraint.version}" occurs more than once`);
  }
  const withoutNotEqual = parsed
    .map((entry) => entry.constraint.comparator)
    .filter((comparator) => comparator !== "!=");
  withoutNotEqual.forEach((comparator, index) => {
    const next = withoutNotEqual[index + 1];
    if (comparator === "=" && next !== undefined && !(next === "=" || LOWER.has(next))) {
      throw new NonCanonicalVersError(`"=" may be followed only by "=", ">" or ">=", not "${next}"`);
    }
  });
  const bounds = withoutNotEqual.filter((comparator) => comparator !== "=");
  bounds.forEach((comparator, index) => {
    const next = bounds[index + 1];
    if (next === undefined) return;
    if (LOWER.has(comparator) === LOWER.has(next)) {
      throw new NonCanonicalVersError(
        `"${comparator}" must be followed by ${LOWER.has(next) ? '"<" or "<="' : '">" or ">="'}`,
      );
    }
  });
}

/**
 * Parse a vers string that must already be canonical and valid, as the spec requires of tools.
 * With two or more constraints the type's scheme parses every version to check order and uniqueness.
 * Throws VersSyntaxError, NonCanonicalVersError, UnsupportedVersionSchemeError or InvalidVersionError.
 */
export function parseVers(text: string): Vers {
  const vers = applyTypeRules(parseVersSyntax(text, "canonical"), "canonical");
  // A lone constraint has nothing to be ordered against, so it needs no scheme: the spec lets any
  // type, registered or not, be parsed, and version syntax belongs to the scheme, not to vers.
  if (vers.anyVersion || vers.constraints.length < 2) return vers;
  const scheme = versSchemeFor(vers.type);
  checkCanonicalSequence(scheme, parseConstraints(scheme, vers));
  return vers;
}

/** Check a decoded vers against the spec's canonical rules (same checks as parseVers, for built values). */
export function assertCanonicalVers(vers: Vers): void {
  parseVers(formatVers(vers));
}

/** Put a decoded vers into canonical constraint order; duplicates and odd sequences are kept, not judged. */
export function canonicalVers(vers: Vers): Vers {
  const type = vers.type.toLowerCase();
  if (vers.anyVersion) return { type, anyVersion: true, constraints: [] };
  const scheme = versSchemeFor(type);
  const sorted = sortByVersion(scheme, parseConstraints(scheme, { ...vers, type }));
  return { type, anyVersion: false, constraints: sorted.map((entry) => entry.constraint) };
}

/**
 * Repair what can be repaired without changing meaning — constraint order, type case, percent-encoding
 * spelling, datetime T/Z case — and return the canonical string. Syntax errors still throw.
 */
export function normalizeVers(text: string): string {
  return formatVers(canonicalVers(applyTypeRules(parseVersSyntax(text, "lenient"), "lenient")));
}

/** Build a canonical vers string from a type and constraints in any order (the spec's "build"). */
export function buildVers(type: string, constraints: readonly VersConstraint[] | "*"): string {
  const vers: Vers =
    constraints === "*" ? { type, anyVersion: true, constraints: [] } : { type, anyVersion: false, constraints };
  return formatVers(canonicalVers(vers));
}

/** A vers compiled for repeated containment tests: versions are parsed once. */
export interface VersMatcher {
  readonly vers: Vers;
  /** The scheme that orders the range's versions; undefined for `*`-only ranges, which compare nothing. */
  readonly scheme: VersionScheme | undefined;
  /** True when `version` (a plain, unencoded version string) is inside the range. */
  contains(version: string): boolean;
  /** The same test for a version already parsed by `scheme`, so a caller parses each version once. */
  containsParsed(parsed: unknown): boolean;
}

/** Does `version` satisfy a single bound? */
function satisfies(order: number, comparator: VersComparator): boolean {
  switch (comparator) {
    case "=":
      return order === 0;
    case "!=":
      return order !== 0;
    case "<":
      return order < 0;
    case "<=":
      return order <= 0;
    case ">":
      return order > 0;
    case ">=":
      return order >= 0;
  }
}

/** A version-sorted constraint list split once into what the containment algorithm reads. */
interface ContainmentPlan<P> {
  readonly equal: readonly P[];
  readonly notEqual: readonly P[];
  readonly bounds: ReadonlyArray<{ readonly comparator: VersComparator; readonly parsed: P }>;
  /** Only "!=" constraints: every version but these. */
  readonly onlyNotEqual: boolean;
}

function planContainment<P>(sorted: readonly ParsedConstraint<P>[]): ContainmentPlan<P> {
  const pick = (comparator: VersComparator) =>
    sorted.filter((entry) => entry.constraint.comparator === comparator).map((entry) => entry.parsed);
  return {
    equal: pick("="),
    notEqual: pick("!="),
    bounds: sorted
      .filter((entry) => entry.constraint.comparator !== "=" && entry.constraint.comparator !== "!=")
      .map((entry) => ({ comparator: entry.constraint.comparator, parsed: entry.parsed })),
    onlyNotEqual: sorted.length > 0 && sorted.every((entry) => entry.constraint.comparator === "!="),
  };
}

/**
 * The spec's containment algorithm over a version-sorted constraint list. One deliberate addition:
 * a range made only of "!=" constraints means "every version but these" (that is how PyPI's `!=5`
 * and similar native ranges read), where a literal reading of the algorithm would match nothing.
 */
function containsPlanned<P>(scheme: VersionScheme<P>, plan: ContainmentPlan<P>, version: P): boolean {
  for (const parsed of plan.equal) if (scheme.compare(version, parsed) === 0) return true;
  for (const parsed of plan.notEqual) if (scheme.compare(version, parsed) === 0) return false;
  const { bounds } = plan;
  if (bounds.length === 0) return plan.onlyNotEqual;
  const first = bounds[0];
  const last = bounds[bounds.length - 1];
  if (first && UPPER.has(first.comparator) && satisfies(scheme.compare(version, first.parsed), first.comparator)) {
    return true;
  }
  if (last && LOWER.has(last.comparator) && satisfies(scheme.compare(version, last.parsed), last.comparator)) {
    return true;
  }
  for (let index = 0; index + 1 < bounds.length; index++) {
    const lower = bounds[index];
    const upper = bounds[index + 1];
    if (!lower || !upper) continue;
    if (
      LOWER.has(lower.comparator) &&
      UPPER.has(upper.comparator) &&
      satisfies(scheme.compare(version, lower.parsed), lower.comparator) &&
      satisfies(scheme.compare(version, upper.parsed), upper.comparator)
    ) {
      return true;
    }
  }
  return false;
}

/**
 * Compile a vers for containment tests. Strings are read leniently and sorted, because containment
 * is defined on the sorted list and advisories in the wild are not always canonical; call parseVers
 * first where non-canonical input must be rejected.
 */
export function compileVers(vers: Vers | string): VersMatcher {
  const decoded =
    typeof vers === "string"
      ? applyTypeRules(parseVersSyntax(vers, "lenient"), "lenient")
      : applyTypeRules(vers, "lenient");
  if (decoded.anyVersion) {
    const matchesAll = decoded.type !== "none";
    return { vers: decoded, scheme: undefined, contains: () => matchesAll, containsParsed: () => matchesAll };
  }
  const scheme = versSchemeFor(decoded.type);
  const sorted = sortByVersion(scheme, parseConstraints(scheme, decoded));
  const canonical: Vers = { ...decoded, constraints: sorted.map((entry) => entry.constraint) };
  const plan = planContainment(sorted);
  return {
    vers: canonical,
    scheme,
    contains: (version) => containsPlanned(scheme, plan, scheme.parse(version)),
    containsParsed: (parsed) => containsPlanned(scheme, plan, parsed),
  };
}

/** One-off containment test; prefer compileVers when testing many versions against one range. */
export function versContains(vers: Vers | string, version: string): boolean {
  return compileVers(vers).contains(version);
}
