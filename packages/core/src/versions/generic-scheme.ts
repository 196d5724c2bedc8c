import { isAsciiDigit, isAsciiLetter } from "./ascii.js";
import { compareNumbers, compareText, digitValue } from "./numeric.js";
import { InvalidVersionError, type VersionScheme } from "./version-scheme.js";

/** Run kinds of a generic version, ordered as they rank where two versions diverge in kind. */
const PRE_RELEASE_WORD = 0;
const END = 1;
const WORD = 2;
const NUMBER = 3;

/** A generic version split into runs of digits and runs of letters. */
export interface GenericVersion {
  readonly kinds: readonly number[];
  readonly numbers: readonly number[];
  /** Lower-cased letters of word runs; digit text of number runs. */
  readonly texts: readonly string[];
}

/**
 * Words that mark a version before its release (`2.0-rc1` < `2.0`), lower-case. Single letters are
 * deliberately not among them: in firmware they are letter releases after the base (`1.0.2a`).
 */
const PRE_RELEASE_WORDS = new Set(["dev", "snapshot", "alpha", "beta", "pre", "preview", "rc"]);

/** Ranks of pre-release words among themselves; unlisted pairs compare lexically. */
const PRE_RELEASE_RANK: Readonly<Record<string, number>> = {
  dev: 0,
  snapshot: 0,
  alpha: 1,
  beta: 2,
  pre: 3,
  preview: 3,
  rc: 4,
};

/** What a firmware or vendor version may contain; anything else is rejected, not guessed at. */
const GENERIC = /^[vV]?[0-9A-Za-z][0-9A-Za-z._+~ -]*$/;

function parseGeneric(version: string): GenericVersion {
  const text = typeof version === "string" ? version.trim() : "";
  if (!GENERIC.test(text) || !/[0-9]/.test(text)) throw new InvalidVersionError("generic", version);
  const kinds: number[] = [];
  const numbers: number[] = [];
  const texts: string[] = [];
  // One leading `v` is a prefix (`V2.1.0`), not a word.
  let index = text.charCodeAt(0) === 86 || text.charCodeAt(0) === 118 ? 1 : 0;
  while (index < text.length) {
    const start = index;
    const code = text.charCodeAt(index);
    if (isAsciiDigit(code)) {
      while (index < text.length && isAsciiDigit(text.charCodeAt(index))) index++;
      const run = text.slice(start, index);
      kinds.push(NUMBER);
      numbers.push(digitValue(run));
      texts.push(run);
    } else if (isAsciiLetter(code)) {
      while (index < text.length && isAsciiLetter(text.charCodeAt(index))) index++;
      const word = text.slice(start, index).toLowerCase();
      kinds.push(PRE_RELEASE_WORDS.has(word) ? PRE_RELEASE_WORD : WORD);
      numbers.push(PRE_RELEASE_RANK[word] ?? 0);
      texts.push(word);
    } else {
      index++;
    }
  }
  return { kinds, numbers, texts };
}

/** Generic order: run by run; numbers above words above the end above pre-release words. */
export function compareGeneric(a: GenericVersion, b: GenericVersion): number {
  const length = Math.max(a.kinds.length, b.kinds.length);
  for (let index = 0; index < length; index++) {
    const x = index < a.kinds.length ? (a.kinds[index] as number) : END;
    const y = index < b.kinds.length ? (b.kinds[index] as number) : END;
    if (x !== y) return x < y ? -1 : 1;
    let order = 0;
    if (x === NUMBER) {
      order = compareNumbers(
        a.numbers[index] as number,
        b.numbers[index] as number,
        a.texts[index] as string,
        b.texts[index] as string,
      );
    } else if (x === PRE_RELEASE_WORD) {
      const rankA = a.numbers[index] as number;
      const rankB = b.numbers[index] as number;
      order = rankA !== rankB ? (rankA < rankB ? -1 : 1) : 0;
    } else {
      order = compareText(a.texts[index] as string, b.texts[index] as string);
    }
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * A documented fallback for firmware and vendor versions that follow no package manager
 * (`V2.1.0 build 180412`, `4.14.167`, `1.0.2k`):
 * 1. one leading `v`/`V` is dropped, letters are compared case-insensitively;
 * 2. the version is split into runs of digits and runs of letters; `.`, `-`, `_`, `+`, `~` and
 *    spaces only separate;
 * 3. runs compare pairwise: numbers numerically, words lexically; a number ranks above a word;
 * 4. pre-release words (`dev`/`snapshot` < `alpha` < `beta` < `pre`/`preview` < `rc`) rank below
 *    everything, even the end of the version; any other addition makes a version newer, so
 *    `2.0-rc1` < `2.0` < `2.0a` < `2.0.1` and `2.0` < `2.0 build 7` < `2.0.1`.
 * Strings without a digit or with other characters are rejected.
 */
export const genericScheme: VersionScheme<GenericVersion> = {
  name: "generic",
  parse: parseGeneric,
  compare: compareGeneric,
};
