import { schemeOfType } from "../ecosystems/ecosystems.js";
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

/** A parsed RFC 3339 instant: whole epoch seconds plus the fraction digits without trailing zeros. */
export interface DatetimeInstant {
  readonly epochSeconds: number;
  readonly fraction: string;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** vers `datetime`: RFC 3339 timestamps ordered by the instant they denote, whatever the offset. */
export const datetimeScheme: VersionScheme<DatetimeInstant> = {
  name: "datetime",
  parse(version: string): DatetimeInstant {
    const match = RFC3339.exec(version);
    if (!match) throw new InvalidVersionError("datetime", version, "not an RFC 3339 date-time");
    const [, year, month, day, hour, minute, second, fraction = "", zulu, sign, offsetHours, offsetMinutes] = match.map(
      (part) => part ?? "",
    );
    const fields = [year, month, day, hour, minute, second].map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const [y, mo, d, h, mi, s] = fields;
    const local = Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
    // Date.UTC silently rolls 2024-02-30 into March; reject instead of guessing an instant.
    const check = new Date(local * 1000);
    if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1 || h > 23 || mi > 59 || s > 60) {
      throw new InvalidVersionError("datetime", version, "no such date or time");
    }
    const offset = zulu ? 0 : (sign === "-" ? -1 : 1) * (Number(offsetHours) * 3600 + Number(offsetMinutes) * 60);
    return { epochSeconds: local - offset, fraction: fraction.replace(/0+$/, "") };
  },
  compare(a: DatetimeInstant, b: DatetimeInstant): number {
    if (a.epochSeconds !== b.epochSeconds) return a.epochSeconds - b.epochSeconds;
    const width = Math.max(a.fraction.length, b.fraction.length);
    const left = a.fraction.padEnd(width, "0");
    const right = b.fraction.padEnd(width, "0");
    return left < right ? -1 : left > right ? 1 : 0;
  },
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
