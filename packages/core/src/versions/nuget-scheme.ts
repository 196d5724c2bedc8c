import { InvalidVersionError, type VersionScheme } from "./version-scheme.js";

/** A parsed NuGet version: up to four numbers, release labels, metadata (ignored by order). */
export interface NugetVersion {
  /** Major, minor, patch, revision; missing parts are 0 (`1.0` = `1.0.0.0`). */
  readonly numbers: readonly [number, number, number, number];
  /** Release labels lower-cased, numbers as numbers: NuGet compares labels case-insensitively. */
  readonly release: readonly (number | string)[];
}

const NUGET =
  /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

function parseNuget(version: string): NugetVersion {
  const match = typeof version === "string" ? NUGET.exec(version.trim()) : null;
  if (!match) throw new InvalidVersionError("nuget", version);
  const numbers = [match[1], match[2], match[3], match[4]].map((part) => (part === undefined ? 0 : Number(part)));
  if (numbers.some((part) => part > 2147483647)) throw new InvalidVersionError("nuget", version, "number too big");
  const release = (match[5]?.split(".") ?? []).map((label) =>
    /^\d+$/.test(label) ? Number(label) : label.toLowerCase(),
  );
  return { numbers: numbers as [number, number, number, number], release };
}

/** NuGet's order (VersionComparer.Default): numbers, then release labels; metadata ignored. */
export function compareNuget(a: NugetVersion, b: NugetVersion): number {
  for (let index = 0; index < 4; index++) {
    const x = a.numbers[index] as number;
    const y = b.numbers[index] as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  const ra = a.release;
  const rb = b.release;
  if (ra.length === 0 || rb.length === 0) return ra.length === rb.length ? 0 : ra.length === 0 ? 1 : -1;
  const shared = Math.min(ra.length, rb.length);
  for (let index = 0; index < shared; index++) {
    const x = ra[index] as number | string;
    const y = rb[index] as number | string;
    if (typeof x !== typeof y) return typeof x === "number" ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return ra.length === rb.length ? 0 : ra.length < rb.length ? -1 : 1;
}

/**
 * NuGet versions (SemVer 2.0.0 with an optional fourth number and case-insensitive labels), as
 * NuGet.Versioning orders them. Hand-rolled: small, and no maintained JavaScript port exists.
 */
export const nugetScheme: VersionScheme<NugetVersion> = {
  name: "nuget",
  parse: parseNuget,
  compare: compareNuget,
};
