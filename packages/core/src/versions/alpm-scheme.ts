import { isAsciiDigit, isAsciiLetter } from "./ascii.js";
import { compareText } from "./numeric.js";
import { codesToKey, pushInteger, pushNumber, readEpoch } from "./sort-key.js";
import { InvalidVersionError, type VersionScheme } from "./version-scheme.js";

/** A parsed Arch Linux package version `[epoch:]pkgver[-pkgrel]`. */
export interface AlpmVersion {
  readonly epoch: number;
  readonly version: string;
  /** Undefined when the string has no release; pacman then ignores the release of the other side. */
  readonly release: string | undefined;
  /** Sort key of epoch and version: comparing keys as strings is pacman's order (see encodeVersion). */
  readonly key: string;
  /** Sort key of the release, compared only when both sides have one (alpm_pkg_vercmp). */
  readonly releaseKey: string | undefined;
}

/**
 * Token marks in the order pacman's rpmvercmp gives what follows an equal prefix. Unlike RPM it
 * counts separator characters (`1..0` > `1.0`) and lets a string that stops beat one that goes on
 * with letters (`1.0a` < `1.0`), but not one that goes on with a separator or digits:
 * letters directly after digits < end < digits directly after letters < separator run of length 1
 * (then letters < digits) < length 2 < … .
 */
const LETTERS_UNSEPARATED = 1;
const END = 2;
const DIGITS_UNSEPARATED = 3;
const SEPARATED = 4;
/** After SEPARATED and the run length: which kind of segment follows. */
const SEPARATED_LETTERS = 1;
const SEPARATED_DIGITS = 2;
/** Ends a letter run below any letter, so `a` < `ab` as with strcmp. */
const END_OF_LETTERS = 0;

function isAlnum(code: number): boolean {
  return isAsciiDigit(code) || isAsciiLetter(code);
}

/**
 * Encode `text[start, end)` as pacman's rpmvercmp walks it: separator runs by their length, digit
 * runs numerically, letter runs as strcmp, ending with END (which occurs nowhere else, so encodings
 * are prefix-free). The caller guarantees a non-empty part that ends with a letter or digit: on a
 * trailing separator pacman's own comparison is not transitive (`1.0.` > `1.0..a` > `1.0.1` > `1.0.`),
 * so such versions are rejected rather than given an order pacman does not have.
 */
function encodeVersion(codes: number[], text: string, start: number, end: number): void {
  let index = start;
  while (index < end) {
    const separatorStart = index;
    while (index < end && !isAlnum(text.charCodeAt(index))) index++;
    const separators = index - separatorStart;
    const runStart = index;
    const digits = isAsciiDigit(text.charCodeAt(index));
    if (separators > 0) {
      codes.push(SEPARATED);
      pushInteger(codes, separators);
      codes.push(digits ? SEPARATED_DIGITS : SEPARATED_LETTERS);
    } else {
      codes.push(digits ? DIGITS_UNSEPARATED : LETTERS_UNSEPARATED);
    }
    if (digits) {
      while (index < end && isAsciiDigit(text.charCodeAt(index))) index++;
      pushNumber(codes, text, runStart, index);
    } else {
      while (index < end && isAsciiLetter(text.charCodeAt(index))) codes.push(text.charCodeAt(index++));
      codes.push(END_OF_LETTERS);
    }
  }
  codes.push(END);
}

/**
 * Whether `text[start, end)` is a pkgver makepkg accepts (printable ASCII without `/`, `:`, `-` or
 * whitespace) that also ends with a letter or digit (see encodeVersion).
 */
function isValidPkgver(text: string, start: number, end: number): boolean {
  if (end <= start || !isAlnum(text.charCodeAt(end - 1))) return false;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code <= 32 || code >= 127 || code === 47 || code === 58 || code === 45) return false;
  }
  return true;
}

/** makepkg's pkgrel: `integer[.integer]`. */
const PKGREL = /^\d+(?:\.\d+)?$/;

function parseAlpm(text: string): AlpmVersion {
  if (typeof text !== "string" || text.length === 0) throw new InvalidVersionError("alpm", text, "empty version");
  const colon = text.indexOf(":");
  const epoch = readEpoch("alpm", text, colon);
  // pacman splits the release off at the last hyphen (parseEVR); pkgver itself may not contain one.
  const hyphen = text.lastIndexOf("-");
  const hasRelease = hyphen > colon;
  const versionEnd = hasRelease ? hyphen : text.length;
  if (!isValidPkgver(text, colon + 1, versionEnd)) {
    throw new InvalidVersionError("alpm", text, "empty version, invalid character or trailing separator in it");
  }
  const release = hasRelease ? text.slice(hyphen + 1) : undefined;
  if (release !== undefined && !PKGREL.test(release)) {
    throw new InvalidVersionError("alpm", text, "release is not integer[.integer]");
  }
  const codes: number[] = [];
  pushInteger(codes, epoch);
  encodeVersion(codes, text, colon + 1, versionEnd);
  let releaseKey: string | undefined;
  if (release !== undefined) {
    const releaseCodes: number[] = [];
    encodeVersion(releaseCodes, release, 0, release.length);
    releaseKey = codesToKey(releaseCodes);
  }
  return { epoch, version: text.slice(colon + 1, versionEnd), release, key: codesToKey(codes), releaseKey };
}

/**
 * pacman's order (alpm_pkg_vercmp): epoch, then version, then release only when both sides have one.
 * That last rule is pacman's and the vectors require it (`1.5` equals both `1.5-1` and `1.5-2`), so
 * this is a total order only among versions that all have a release or all lack one.
 */
export function compareAlpm(a: AlpmVersion, b: AlpmVersion): number {
  const order = compareText(a.key, b.key);
  if (order !== 0 || a.releaseKey === undefined || b.releaseKey === undefined) return order;
  return compareText(a.releaseKey, b.releaseKey);
}

/**
 * Arch Linux package versions (`[epoch:]pkgver[-pkgrel]`), ordered as pacman's `vercmp` orders them:
 * its own rpmvercmp variant, where `1.0a` < `1.0` and separator counts matter. Hand-rolled
 * (docs/adr/0010-version-schemes.md).
 */
export const alpmScheme: VersionScheme<AlpmVersion> = {
  name: "alpm",
  parse: parseAlpm,
  compare: compareAlpm,
};
