import { isAsciiDigit } from "./ascii.js";
import { compareText } from "./numeric.js";
import { codesToKey, pushNumber } from "./sort-key.js";
import { InvalidVersionError, type VersionScheme } from "./version-scheme.js";

/** A parsed Conan 2 version `main[-pre][+build]`, each part a `.`-separated list of items. */
export interface ConanVersion {
  /** The main items as written (`1.2.0` in `1.2.0-rc.1+b7`). */
  readonly main: string;
  /** The pre-release after the first `-`, undefined when there is none. */
  readonly pre: string | undefined;
  /** The build after the last `+`, undefined when there is none. */
  readonly build: string | undefined;
  /** Sort key: comparing keys as strings is Conan's order (see encodeItems). */
  readonly key: string;
}

/**
 * Item marks, in the order Conan gives items: Conan compares a number with a word by their text
 * (`str(int) < str`), so words starting below `0` (`+`, `-`, `*`, the empty word) sort under every
 * number and words starting above `9` (letters, `_`) over every number.
 */
const END_OF_ITEMS = 0;
const LOW_WORD = 1;
const NUMBER = 2;
const HIGH_WORD = 3;
/** After a NUMBER's value: the plain number sorts first, then words with that leading number. */
const PLAIN_NUMBER = 0;
const WORD_WITH_NUMBER = 1;
/** Ends a word below any character, so `a` < `ab` as with Python's string order. */
const END_OF_WORD = 0;

/** Part marks: a pre-release sorts below the release, no build below any build. */
const PRE_RELEASE = 1;
const RELEASE = 2;
const NO_BUILD = 1;
const BUILD = 2;

/** What Python's `int()` accepts once whitespace is excluded: a sign, digits, single `_` between digits. */
const PYTHON_INT = /^([+-]?)(\d+(?:_\d+)*)$/;

/** Conan reference characters (`[A-Za-z0-9_.+-]`) plus `*`, which Conan's Version accepts and range patterns use. */
const VERSION_CHARACTERS = /^[A-Za-z0-9_.+*-]+$/;

function pushWord(codes: number[], word: string, start: number): void {
  for (let index = start; index < word.length; index++) codes.push(word.charCodeAt(index));
  codes.push(END_OF_WORD);
}

/**
 * Encode one `.`-separated part (Conan's `_nonzero_items`: trailing zero numbers dropped, so
 * `1.0` == `1`) so that string comparison of encodings is Conan's tuple order of items, ending with
 * END_OF_ITEMS so a shorter tuple sorts first. Numbers compare numerically; words compare as text.
 * Conan compares a number with a word as text, which is not transitive (`2` < `10` < `1a` < `2`), so
 * a word that starts with digits is placed after the number it starts with (`1a` between 1 and 2,
 * `01a` between 0 and 1), so `1.1.1` < `1.1.1k` < `1.1.2` as in Conan; it departs from Conan only
 * against a number of a different digit count (Conan: `10` < `1a`, here `1a` < `10`).
 * Returns false for a negative number, which Conan would order as text against words too.
 */
function encodeItems(codes: number[], part: string): boolean {
  const items = part.split(".");
  const numbers = items.map((item) => PYTHON_INT.exec(item));
  let count = items.length;
  while (count > 0 && /^[0_]+$/.test(numbers[count - 1]?.[2] ?? "x")) count--;
  for (let index = 0; index < count; index++) {
    const item = items[index] ?? "";
    const number = numbers[index];
    if (number) {
      const digits = (number[2] ?? "").replaceAll("_", "");
      if (number[1] === "-" && /[1-9]/.test(digits)) return false;
      codes.push(NUMBER);
      pushNumber(codes, digits, 0, digits.length);
      codes.push(PLAIN_NUMBER);
      continue;
    }
    const first = item.charCodeAt(0);
    if (isAsciiDigit(first)) {
      // A word like `01a` sorts as text between 0 and 1 in Conan, so a leading zero places it at 0.
      let end = first === 48 ? 0 : 1;
      while (end > 0 && isAsciiDigit(item.charCodeAt(end))) end++;
      codes.push(NUMBER);
      pushNumber(codes, item, 0, end);
      codes.push(WORD_WITH_NUMBER);
      pushWord(codes, item, 0);
    } else {
      codes.push(item.length === 0 || first < 48 ? LOW_WORD : HIGH_WORD);
      pushWord(codes, item, 0);
    }
  }
  codes.push(END_OF_ITEMS);
  return true;
}

/** Split like Conan's Version: build after the last `+`, then pre-release after the first `-`. */
function parseConan(text: string): ConanVersion {
  if (typeof text !== "string" || !VERSION_CHARACTERS.test(text)) {
    throw new InvalidVersionError("conan", text, "empty or invalid character");
  }
  const plus = text.lastIndexOf("+");
  const build = plus >= 0 ? text.slice(plus + 1) : undefined;
  const rest = plus >= 0 ? text.slice(0, plus) : text;
  const hyphen = rest.indexOf("-");
  const pre = hyphen >= 0 ? rest.slice(hyphen + 1) : undefined;
  const main = hyphen >= 0 ? rest.slice(0, hyphen) : rest;
  if (main.length === 0) throw new InvalidVersionError("conan", text, "empty main version");
  const codes: number[] = [];
  let valid = encodeItems(codes, main);
  if (pre === undefined) codes.push(RELEASE);
  else {
    codes.push(PRE_RELEASE);
    valid &&= encodeItems(codes, pre);
  }
  if (build === undefined) codes.push(NO_BUILD);
  else {
    codes.push(BUILD);
    valid &&= encodeItems(codes, build);
  }
  if (!valid) throw new InvalidVersionError("conan", text, "negative number item");
  return { main, pre, build, key: codesToKey(codes) };
}

/** Conan's order of two parsed versions: main items, pre-release below release, then build. */
export function compareConan(a: ConanVersion, b: ConanVersion): number {
  return compareText(a.key, b.key);
}

/**
 * Conan 2 versions, ordered as Conan's `Version` class orders them (`1.0` == `1`, `1.1-pre` <
 * `1.1` < `1.1+b1`), except that words starting with digits sit after their leading number (see
 * encodeItems). Hand-rolled (docs/adr/0010-version-schemes.md).
 */
export const conanScheme: VersionScheme<ConanVersion> = {
  name: "conan",
  parse: parseConan,
  compare: compareConan,
};
