import { isAsciiDigit, isAsciiLetter } from "./ascii.js";
import { compareText } from "./numeric.js";
import { codesToKey, pushInteger, pushNumber, readEpoch } from "./sort-key.js";
import { InvalidVersionError, type VersionScheme } from "./version-scheme.js";

/** A parsed RPM `[epoch:]version[-release]` (EVR). */
export interface RpmVersion {
  readonly epoch: number;
  readonly version: string;
  /** Undefined when the string has no release; such a version sorts below any with one. */
  readonly release: string | undefined;
  /** Sort key: comparing keys as strings is RPM's order (see encodeSegments). */
  readonly key: string;
}

/**
 * Token marks in rpmvercmp's order where two strings diverge in kind: `~` sorts before everything,
 * even the end; the end before `^`; `^` before any further segment; letters before digits.
 */
const TILDE = 1;
const END = 2;
const CARET = 3;
const ALPHA = 4;
const NUMBER = 5;
/** Ends a letter run below any letter, so `a` < `aa` as with strcmp. */
const END_OF_LETTERS = 0;

/**
 * Encode `text[start, end)` as rpmvercmp walks it: digit runs (numerically), letter runs (as
 * strcmp), `~`, `^`; `.`, `_` and `+` only separate. The encoding ends with END, which occurs
 * nowhere else, so encodings are prefix-free and can be concatenated. Returns false for an empty
 * part or a character rpm does not allow in a version or release (rpmbuild rejects `-`, whitespace).
 */
function encodeSegments(codes: number[], text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  let index = start;
  while (index < end) {
    const code = text.charCodeAt(index);
    const runStart = index;
    if (isAsciiDigit(code)) {
      while (index < end && isAsciiDigit(text.charCodeAt(index))) index++;
      codes.push(NUMBER);
      pushNumber(codes, text, runStart, index);
    } else if (isAsciiLetter(code)) {
      codes.push(ALPHA);
      while (index < end) {
        const letter = text.charCodeAt(index);
        if (!isAsciiLetter(letter)) break;
        codes.push(letter);
        index++;
      }
      codes.push(END_OF_LETTERS);
    } else if (code === 126 || code === 94) {
      codes.push(code === 126 ? TILDE : CARET);
      index++;
    } else if (code === 46 || code === 95 || code === 43) {
      index++;
    } else {
      return false;
    }
  }
  codes.push(END);
  return true;
}

/**
 * The rpmvercmp sort key of one version or release string, e.g. to compare bare versions the way
 * `rpmdev-vercmp` does; throws InvalidVersionError on an empty string or a disallowed character.
 */
export function rpmVercmpKey(text: string): string {
  const codes: number[] = [];
  if (typeof text !== "string" || !encodeSegments(codes, text, 0, text.length))
    throw new InvalidVersionError("rpm", text);
  return codesToKey(codes);
}

function parseRpm(text: string): RpmVersion {
  if (typeof text !== "string") throw new InvalidVersionError("rpm", text);
  const colon = text.indexOf(":");
  const epoch = readEpoch("rpm", text, colon);
  const hyphen = text.lastIndexOf("-");
  const hasRelease = hyphen > colon;
  const versionEnd = hasRelease ? hyphen : text.length;
  const codes: number[] = [];
  pushInteger(codes, epoch);
  if (!encodeSegments(codes, text, colon + 1, versionEnd)) {
    throw new InvalidVersionError("rpm", text, "empty version or invalid character in it");
  }
  // A missing release leaves the key a prefix of the same version with any release: it sorts first.
  if (hasRelease && !encodeSegments(codes, text, hyphen + 1, text.length)) {
    throw new InvalidVersionError("rpm", text, "empty release or invalid character in it");
  }
  return {
    epoch,
    version: text.slice(colon + 1, versionEnd),
    release: hasRelease ? text.slice(hyphen + 1) : undefined,
    key: codesToKey(codes),
  };
}

/** RPM's order of two parsed EVRs: epoch, then rpmvercmp of version, then of release. */
export function compareRpm(a: RpmVersion, b: RpmVersion): number {
  return compareText(a.key, b.key);
}

/**
 * RPM versions (`[epoch:]version[-release]`), ordered by rpmvercmp including `~` (pre-release) and
 * `^` (post-release snapshot). Used for Red Hat, Rocky, Alma, Fedora, SUSE and openSUSE. Hand-rolled
 * (docs/adr/0010-version-schemes.md).
 */
export const rpmScheme: VersionScheme<RpmVersion> = {
  name: "rpm",
  parse: parseRpm,
  compare: compareRpm,
};
