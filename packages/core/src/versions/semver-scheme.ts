import { isAsciiDigit, isAsciiLetter } from "./ascii.js";
import { InvalidVersionError, type VersionScheme } from "./version-scheme.js";

/**
 * A parsed SemVer 2.0.0 version. Our own shape rather than the `semver` package's class because
 * comparison is the hot path of matching, and plain numbers plus a (usually empty) identifier list
 * compare several times faster than `semver.compare` (see bench/versions.ts).
 */
export interface SemverVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Pre-release identifiers: numbers for numeric identifiers, strings otherwise; empty for releases. */
  readonly prerelease: readonly (number | string)[];
  /** Build metadata identifiers; ignored by precedence, as SemVer 2.0.0 §10 requires. */
  readonly build: readonly string[];
}

/** node-semver's limit; longer strings are rejected rather than scanned, as npm does. */
const MAX_LENGTH = 256;

const DOT = 46;
const HYPHEN = 45;
const PLUS = 43;

function isIdentifierChar(code: number): boolean {
  return isAsciiDigit(code) || isAsciiLetter(code) || code === HYPHEN;
}

/** Value of the number scanNumber last scanned; module state rather than a returned pair, to avoid allocating. */
let scannedValue = 0;

/**
 * Scan one main-version number at `start`; returns its end or -1 and leaves its value in
 * scannedValue. Hand-written instead of a regular expression because parsing from strings is also
 * measured (1 M parse+compare per second and core).
 */
function scanNumber(text: string, start: number): number {
  let end = start;
  let value = 0;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (!isAsciiDigit(code)) break;
    value = value * 10 + (code - 48);
    end++;
  }
  if (end === start) return -1;
  // SemVer §2: no leading zeros in numeric identifiers.
  if (end - start > 1 && text.charCodeAt(start) === 48) return -1;
  // Past 2^53 the running value is inexact; node-semver rejects such numbers, and so do we.
  if (value > Number.MAX_SAFE_INTEGER) return -1;
  scannedValue = value;
  return end;
}

function parseIdentifiers(text: string, kind: "prerelease" | "build"): (number | string)[] | undefined {
  const parts = text.split(".");
  const identifiers: (number | string)[] = [];
  for (const part of parts) {
    if (part.length === 0) return undefined;
    let numeric = true;
    for (let index = 0; index < part.length; index++) {
      const code = part.charCodeAt(index);
      if (!isIdentifierChar(code)) return undefined;
      if (!isAsciiDigit(code)) numeric = false;
    }
    if (kind === "build" || !numeric) {
      identifiers.push(part);
      continue;
    }
    if (part.length > 1 && part.charCodeAt(0) === 48) return undefined;
    const value = Number(part);
    // node-semver keeps numeric identifiers from 2^53 - 1 up as text; so do we, to agree with npm.
    identifiers.push(value < Number.MAX_SAFE_INTEGER ? value : part);
  }
  return identifiers;
}

/**
 * Parse a SemVer 2.0.0 version (one leading `v` allowed) or return undefined. Surrounding whitespace
 * is dropped, as node-semver's strict mode does; its loose-mode forms (`=1.2.3`, `v 1.2.3`) are not
 * accepted, because they never appear in advisories and accepting them would widen what "valid" means.
 */
function parseSemver(input: string): SemverVersion | undefined {
  // Guard against non-strings from untyped JSON, which must fail as invalid rather than crash.
  if (typeof input !== "string" || input.length > MAX_LENGTH) return undefined;
  const version =
    input.length > 0 && (input.charCodeAt(0) <= 32 || input.charCodeAt(input.length - 1) <= 32) ? input.trim() : input;
  const start = version.charCodeAt(0) === 118 /* v */ ? 1 : 0;
  const majorEnd = scanNumber(version, start);
  if (majorEnd < 0 || version.charCodeAt(majorEnd) !== DOT) return undefined;
  const major = scannedValue;
  const minorEnd = scanNumber(version, majorEnd + 1);
  if (minorEnd < 0 || version.charCodeAt(minorEnd) !== DOT) return undefined;
  const minor = scannedValue;
  const patchEnd = scanNumber(version, minorEnd + 1);
  if (patchEnd < 0) return undefined;
  const patch = scannedValue;
  if (patchEnd === version.length) return { major, minor, patch, prerelease: NONE, build: NONE_BUILD };
  let prerelease: readonly (number | string)[] = NONE;
  let build: readonly string[] = NONE_BUILD;
  let rest = version.slice(patchEnd);
  if (rest.charCodeAt(0) === HYPHEN) {
    const plus = rest.indexOf("+");
    const text = plus < 0 ? rest.slice(1) : rest.slice(1, plus);
    const parsed = parseIdentifiers(text, "prerelease");
    if (!parsed) return undefined;
    prerelease = parsed;
    rest = plus < 0 ? "" : rest.slice(plus);
  }
  if (rest.length > 0) {
    if (rest.charCodeAt(0) !== PLUS) return undefined;
    const parsed = parseIdentifiers(rest.slice(1), "build");
    if (!parsed) return undefined;
    build = parsed as string[];
  }
  return { major, minor, patch, prerelease, build };
}

const NONE: readonly (number | string)[] = Object.freeze([]);
const NONE_BUILD: readonly string[] = Object.freeze([]);

/** Order two pre-release identifiers by SemVer §11.4: numbers numerically, below any alphanumeric. */
function compareIdentifier(a: number | string, b: number | string): number {
  if (typeof a === "number") {
    if (typeof b === "number") return a === b ? 0 : a < b ? -1 : 1;
    return -1;
  }
  if (typeof b === "number") return 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

/** SemVer 2.0.0 precedence of two parsed versions (build metadata ignored). */
export function compareSemver(a: SemverVersion, b: SemverVersion): number {
  if (a.major !== b.major) return a.major < b.major ? -1 : 1;
  if (a.minor !== b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch !== b.patch) return a.patch < b.patch ? -1 : 1;
  const pa = a.prerelease;
  const pb = b.prerelease;
  if (pa.length === 0 || pb.length === 0) return pa.length === pb.length ? 0 : pa.length === 0 ? 1 : -1;
  const shared = Math.min(pa.length, pb.length);
  for (let index = 0; index < shared; index++) {
    const order = compareIdentifier(pa[index] as number | string, pb[index] as number | string);
    if (order !== 0) return order;
  }
  return pa.length === pb.length ? 0 : pa.length < pb.length ? -1 : 1;
}

/**
 * Semantic Versioning 2.0.0, as used by npm, Go modules and crates.io. Go writes versions with a
 * leading `v` (`v1.2.3`, pseudo-versions `v0.0.0-20200220183623-bac4c82f6975`); OSV writes them
 * without, so one leading `v` is accepted and dropped.
 */
export const semverScheme: VersionScheme<SemverVersion> = {
  name: "semver",
  parse(version: string): SemverVersion {
    const parsed = parseSemver(version);
    if (!parsed) throw new InvalidVersionError("semver", version);
    return parsed;
  },
  compare: compareSemver,
};

/** node-semver loose mode's prefix: any run of whitespace, `=` and `v` before the version. */
const NPM_LOOSE_PREFIX = /^[\s=v]+/;

/**
 * npm's reading of a version: npm cleans versions with node-semver's loose prefix rule (`=1.2.3`,
 * `v 1.2.3`, ` = 1.2.3` are all 1.2.3) before treating them as SemVer 2.0.0, so versions copied from
 * npm metadata into an SBOM parse here as npm itself reads them. The body stays strict.
 */
export const npmScheme: VersionScheme<SemverVersion> = {
  name: "npm",
  parse(version: string): SemverVersion {
    const parsed = typeof version === "string" ? parseSemver(version.replace(NPM_LOOSE_PREFIX, "")) : undefined;
    if (!parsed) throw new InvalidVersionError("npm", version);
    return parsed;
  },
  compare: compareSemver,
};
