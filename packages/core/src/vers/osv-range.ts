import type { OsvRange } from "../osv/osv-types.js";
import { packageKeyOfOsvPackage } from "../purl/package-key.js";
import { versFromAlternatives } from "./native/interval-union.js";
import { NativeRangeError, UnsupportedNativeRangeError } from "./vers-errors.js";
import { findVersScheme, versSchemeFor } from "./vers-schemes.js";
import type { Vers, VersConstraint } from "./vers-types.js";

/**
 * The vers type for an OSV ecosystem name (`PyPI`, `Debian:11`), or the argument itself when it
 * already is a vers type (`pypi`). vers types are purl types by convention, so the purl module's
 * ecosystem table is the single source of truth; the placeholder name only satisfies its signature.
 */
export function versTypeForOsvEcosystem(ecosystemOrType: string): string {
  const purlType = packageKeyOfOsvPackage({ ecosystem: ecosystemOrType, name: "placeholder" })?.type;
  return purlType ?? (ecosystemOrType.split(":")[0] ?? ecosystemOrType).toLowerCase();
}

/**
 * Convert one OSV range (`{type, events}`) to a canonical vers. Events are ordered by version as the
 * OSV spec says (not by their position in the list); `introduced: "0"` means "from the first version";
 * `limit` caps everything. Throws EmptyNativeRangeError when no version is affected.
 */
export function versFromOsvRange(ecosystemOrType: string, range: OsvRange): Vers {
  if (range.type === "GIT") throw new UnsupportedNativeRangeError(ecosystemOrType, "OSV GIT ranges (commit hashes)");
  const ecosystemType = versTypeForOsvEcosystem(ecosystemOrType);
  // SEMVER ranges are SemVer whatever the ecosystem; where the ecosystem has no scheme of its own
  // (GitHub Actions, Bitnami …) the range is still exact as a `semver` vers.
  const versType = range.type === "SEMVER" && findVersScheme(ecosystemType) === undefined ? "semver" : ecosystemType;
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
  // "not affected" that way, and docs/adr/0006 applies the same tie rule when matching.
  const introducedFirst = (kind: Boundary["kind"]): number => (kind === "introduced" ? 0 : 1);
  parsed.sort((a, b) => {
    if (a.parsed === undefined || b.parsed === undefined)
      return a.parsed === undefined ? (b.parsed === undefined ? 0 : -1) : 1;
    return scheme.compare(a.parsed, b.parsed) || introducedFirst(a.boundary.kind) - introducedFirst(b.boundary.kind);
  });
  const cap: VersConstraint[] = limits
    .filter((limit) => limit !== "*")
    .map((limit) => ({ comparator: "<", version: limit }));
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
      ...cap,
    ]);
    open = undefined;
  }
  if (open !== undefined)
    alternatives.push([...(isOrigin(open) ? [] : [{ comparator: ">=" as const, version: open.version }]), ...cap]);
  if (alternatives.length === 0) fail("no introduced event");
  return versFromAlternatives(versType, alternatives, described);
}
