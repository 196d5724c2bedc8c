import { schemeOfType } from "../ecosystems/ecosystems.js";
import { compareInstants, parseRfc3339, type Rfc3339Instant } from "../time/rfc3339.js";
import { InvalidVersionError, type VersionScheme } from "../versions/version-scheme.js";
import { UnsupportedVersionSchemeError } from "./vers-errors.js";

/**
 * Version schemes for vers types. Ecosystem schemes come only from the ecosystem table's type view; the few
 * "special" types that the vers spec itself defines (lexicographic, datetime, intdot) live here
 * because no ecosystem owns them and their rules are written in the vers spec, not elsewhere.
 */

const utf8 = new TextEncoder();

/** vers `lexicographic`: byte-wise comparison of the UTF-8 encoding, no normalisation (vers-types.md). */
export const lexicographicScheme: VersionScheme<Uint8Array> = {
  name: "lexicographic",
  parse(version: string): Uint8Array {
    if (version.length === 0) throw new InvalidVersionError("lexicographic", version, "empty");
    return utf8.encode(version);
  },
  compare(a: Uint8Array, b: Uint8Array): number {
    const shorter = Math.min(a.length, b.length);
    for (let index = 0; index < shorter; index++) {
      const difference = (a[index] ?? 0) - (b[index] ?? 0);
      if (difference !== 0) return difference;
    }
    return a.length - b.length;
  },
};

/** A parsed RFC 3339 instant; the one reader of RFC 3339 is core/time/rfc3339.ts. */
export type DatetimeInstant = Rfc3339Instant;

/** vers `datetime`: RFC 3339 timestamps ordered by the instant they denote, whatever the offset. */
export const datetimeScheme: VersionScheme<DatetimeInstant> = {
  name: "datetime",
  parse(version: string): DatetimeInstant {
    const instant = parseRfc3339(version);
    if (!instant) throw new InvalidVersionError("datetime", version, "not an RFC 3339 date-time");
    return instant;
  },
  compare: compareInstants,
};

/** vers `intdot`: dot-separated non-negative integers, leading zeros ignored, read up to the first other character. */
export const intdotScheme: VersionScheme<readonly bigint[]> = {
  name: "intdot",
  parse(version: string): readonly bigint[] {
    const prefix = /^\d+(?:\.\d+)*/.exec(version)?.[0];
    if (prefix === undefined) throw new InvalidVersionError("intdot", version, "does not start with a number");
    return prefix.split(".").map((segment) => BigInt(segment));
  },
  compare(a: readonly bigint[], b: readonly bigint[]): number {
    const longer = Math.max(a.length, b.length);
    for (let index = 0; index < longer; index++) {
      const left = a[index] ?? 0n;
      const right = b[index] ?? 0n;
      if (left !== right) return left < right ? -1 : 1;
    }
    return 0;
  },
};

const VERS_DEFINED_SCHEMES = new Map<string, VersionScheme>([
  [lexicographicScheme.name, lexicographicScheme as VersionScheme],
  [datetimeScheme.name, datetimeScheme as VersionScheme],
  [intdotScheme.name, intdotScheme as VersionScheme],
]);

/** vers types that admit only `*` and never compare versions. */
export const STAR_ONLY_TYPES: ReadonlySet<string> = new Set(["all", "none"]);

/** The version scheme that orders versions of a vers type, or undefined when none is available yet. */
export function findVersScheme(versType: string): VersionScheme | undefined {
  return schemeOfType(versType) ?? VERS_DEFINED_SCHEMES.get(versType);
}

/** The version scheme for a vers type; throws UnsupportedVersionSchemeError when none is registered. */
export function versSchemeFor(versType: string): VersionScheme {
  const scheme = findVersScheme(versType);
  if (scheme === undefined) throw new UnsupportedVersionSchemeError(versType);
  return scheme;
}
