import { findEcosystem } from "../ecosystems/ecosystems.js";
import type { OsvRange } from "../formats/osv/osv-types.js";
import type { VersionScheme } from "../versions/version-scheme.js";
import { versFromAlternatives } from "./native/interval-union.js";
import { NativeRangeError, UnsupportedNativeRangeError } from "./vers-errors.js";
import { findVersScheme, versSchemeFor } from "./vers-schemes.js";
import type { Vers, VersConstraint } from "./vers-types.js";

/**
 * The vers type for an OSV ecosystem name (`PyPI`, `Debian:11`), or the argument itself when it
 * already is a vers type (`pypi`): vers types are PURL types, and the ecosystem table maps one to
 * the other.
 */
export function versTypeForOsvEcosystem(ecosystemOrType: string): string {
  return findEcosystem(ecosystemOrType)?.purlType ?? (ecosystemOrType.split(":")[0] ?? ecosystemOrType).toLowerCase();
}

/** Schemes in which a SEMVER range means what SemVer 2.0 says, so the ecosystem's own type can carry it. */
const SEMVER_ORDERED = new Set(["semver", "npm"]);

/**
 * The vers type a range is evaluated in: an ECOSYSTEM range in the ecosystem's type; a SEMVER range
 * in SemVer order, written with the ecosystem's type where that type is SemVer-ordered (`cargo`,
 * `golang`, `npm`) and as `semver` elsewhere (GitHub Actions, Bitnami, a SEMVER range on PyPI).
 */
function versTypeOfRange(ecosystemOrType: string, range: OsvRange): string {
  const ecosystemType = versTypeForOsvEcosystem(ecosystemOrType);
  if (range.type !== "SEMVER") return ecosystemType;
  const scheme = findVersScheme(ecosystemType);
  return scheme !== undefined && SEMVER_ORDERED.has(scheme.name) ? ecosystemType : "semver";
}

/**
 * Convert one OSV range (`{type, events}`) to a canonical vers, following the schema's evaluation
 * algorithm (https://ossf.github.io/osv-schema/#evaluation): events are ordered by version (not by
 * their position in the list); `introduced: "0"` means "from the first version"; `last_affected` is
 * inclusive, `fixed` exclusive. `limit` events cap the whole range: a version is inside only when
 * it is below *some* limit, so the cap is the highest limit, and a `*` limit (or none) means no cap.
 * Throws EmptyNativeRangeError when no version is affected, UnsupportedNativeRangeError for GIT
 * ranges, UnsupportedVersionSchemeError when the type has no scheme, InvalidVersionError for a
 * version the scheme rejects.
 */
export function versFromOsvRange(ecosystemOrType: string, range: OsvRange): Vers {
  if (range.type === "GIT") throw new UnsupportedNativeRangeError(ecosystemOrType, "OSV GIT ranges (commit hashes)");
  const versType = versTypeOfRange(ecosystemOrType, range);
  const scheme = versSchemeFor(versType);
  const described = JSON.stringify(range.events);
  const fail = (reason: string): never => {
    throw new NativeRangeError(versType, described, reason);
  };
  // OSV SEMVER versions never carry Go's "v"; drop one if a producer added it, as the spec asks.
  const clean = (version: string): string => (range.type === "SEMVER" ? version.replace(/^v(?=\d)/, "") : version);
  type Boundary = { readonly kind: "introduced" | "fixed" | "last_affected"; readonly version: string };
  const boundaries: Boundary[] = [];
  const limits: string[] = [];
  for (const event of range.events) {
    if (event.introduced !== undefined) boundaries.push({ kind: "introduced", version: clean(event.introduced) });
    else if (event.fixed !== undefined) boundaries.push({ kind: "fixed", version: clean(event.fixed) });
    else if (event.last_affected !== undefined) {
      boundaries.push({ kind: "last_affected", version: clean(event.last_affected) });
    } else if (event.limit !== undefined) limits.push(clean(event.limit));
    else fail("an event has none of introduced, fixed, last_affected, limit");
  }
  const isOrigin = (boundary: Boundary): boolean => boundary.kind === "introduced" && boundary.version === "0";
  const parsed = boundaries.map((boundary) => ({
    boundary,
    parsed: isOrigin(boundary) ? undefined : scheme.parse(boundary.version),
  }));
  // At equal versions `introduced` comes first, so `introduced X, fixed X` is empty: RustSec writes
  // "not affected" that way (docs/adr/0014).
  const introducedFirst = (kind: Boundary["kind"]): number => (kind === "introduced" ? 0 : 1);
  parsed.sort((a, b) => {
    if (a.parsed === undefined || b.parsed === undefined)
      return a.parsed === undefined ? (b.parsed === undefined ? 0 : -1) : 1;
    return scheme.compare(a.parsed, b.parsed) || introducedFirst(a.boundary.kind) - introducedFirst(b.boundary.kind);
  });
  const cap = highestLimit(scheme, limits);
  const capConstraint: VersConstraint[] = cap === undefined ? [] : [{ comparator: "<", version: cap }];
  const alternatives: VersConstraint[][] = [];
  let open: Boundary | undefined;
  for (const { boundary } of parsed) {
    if (boundary.kind === "introduced") {
      open ??= boundary;
      continue;
    }
    if (open === undefined) continue;
    const lower: VersConstraint[] = isOrigin(open) ? [] : [{ comparator: ">=", version: open.version }];
    alternatives.push([
      ...lower,
      { comparator: boundary.kind === "fixed" ? "<" : "<=", version: boundary.version },
      ...capConstraint,
    ]);
    open = undefined;
  }
  if (open !== undefined) {
    alternatives.push([
      ...(isOrigin(open) ? [] : [{ comparator: ">=" as const, version: open.version }]),
      ...capConstraint,
    ]);
  }
  if (alternatives.length === 0) fail("no introduced event");
  return versFromAlternatives(versType, alternatives, described);
}

/** The highest of the limits, or undefined when there are none or one is `*` (infinity). */
function highestLimit(scheme: VersionScheme, limits: readonly string[]): string | undefined {
  if (limits.length === 0 || limits.some((limit) => limit.includes("*"))) return undefined;
  let best: { raw: string; parsed: unknown } | undefined;
  for (const raw of limits) {
    const parsed = scheme.parse(raw);
    if (best === undefined || scheme.compare(parsed, best.parsed) > 0) best = { raw, parsed };
  }
  return best?.raw;
}
