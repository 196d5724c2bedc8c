import { compareNumbers, digitValue } from "./numeric.js";
import { InvalidVersionError, type VersionScheme } from "./version-scheme.js";

/** A Packagist version split into dot-separated parts, each a number or a ranked special form. */
export interface ComposerVersion {
  /** True for numeric parts. */
  readonly numeric: readonly boolean[];
  /** The number, or the special form's rank (see SPECIAL_RANK). */
  readonly values: readonly number[];
  /** Digit text of numeric parts, for numbers too long to be exact as doubles. */
  readonly digits: readonly string[];
}

/**
 * PHP's special forms: any other string < dev < alpha = a < beta = b < RC = rc < # < pl = p. A
 * numeric part meets a word as `#` does. Like OSV.dev (and unlike PHP's prefix match), a form must
 * match exactly; unknown words rank lowest and equal each other.
 */
const SPECIAL_RANK: Readonly<Record<string, number>> = {
  dev: 0,
  alpha: 1,
  a: 1,
  beta: 2,
  b: 2,
  RC: 3,
  rc: 3,
  "#": 4,
  pl: 5,
  p: 5,
};
const UNKNOWN_RANK = -1;
const NUMBER_AS_SPECIAL = 4;

/** PHP's canonicalisation: `-`, `_`, `+` become `.`, and a `.` goes between digits and non-digits. */
function canonicalize(version: string): string {
  const text = version.startsWith("v") ? version.slice(1) : version;
  return text
    .replace(/[-_+]/g, ".")
    .replace(/([^\d.])(\d)/g, "$1.$2")
    .replace(/(\d)([^\d.])/g, "$1.$2");
}

function parseComposer(version: string): ComposerVersion {
  // PHP orders any string; we still refuse what cannot be a published version.
  if (typeof version !== "string" || version.length === 0 || /[\s\p{Cc}]/u.test(version)) {
    throw new InvalidVersionError("composer", version);
  }
  const numeric: boolean[] = [];
  const values: number[] = [];
  const digits: string[] = [];
  for (const part of canonicalize(version).split(".")) {
    const isNumber = /^\d+$/.test(part);
    numeric.push(isNumber);
    values.push(isNumber ? digitValue(part) : (SPECIAL_RANK[part] ?? UNKNOWN_RANK));
    digits.push(isNumber ? part : "");
  }
  return { numeric, values, digits };
}

function compareRank(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** How the rest of a longer version compares with nothing: a number wins, words meet `#`. */
function compareTail(version: ComposerVersion, from: number): number {
  for (let index = from; index < version.numeric.length; index++) {
    if (version.numeric[index]) return 1;
    const order = compareRank(version.values[index] as number, NUMBER_AS_SPECIAL);
    if (order !== 0) return order;
  }
  return 0;
}

/** OSV.dev's Packagist order (PHP version_compare with exact special forms). */
export function compareComposer(a: ComposerVersion, b: ComposerVersion): number {
  const shared = Math.min(a.numeric.length, b.numeric.length);
  for (let index = 0; index < shared; index++) {
    const numberA = a.numeric[index];
    const numberB = b.numeric[index];
    const x = a.values[index] as number;
    const y = b.values[index] as number;
    let order: number;
    if (numberA && numberB) order = compareNumbers(x, y, a.digits[index] as string, b.digits[index] as string);
    else if (!numberA && !numberB) order = compareRank(x, y);
    else order = numberA ? compareRank(NUMBER_AS_SPECIAL, y) : compareRank(x, NUMBER_AS_SPECIAL);
    if (order !== 0) return order;
  }
  if (a.numeric.length > shared) return compareTail(a, shared);
  if (b.numeric.length > shared) return -compareTail(b, shared);
  return 0;
}

/**
 * Composer/Packagist versions, ordered as OSV.dev orders the Packagist ecosystem: PHP's
 * version_compare over canonicalised parts, special forms matched exactly (packagist.py in
 * google/osv.dev documents the difference from PHP's prefix match).
 */
export const composerScheme: VersionScheme<ComposerVersion> = {
  name: "composer",
  parse: parseComposer,
  compare: compareComposer,
};
