import { isAsciiDigit, isAsciiLower } from "./ascii.js";
import { compareNumbers, compareText, digitValue } from "./numeric.js";
import { InvalidVersionError, type VersionScheme } from "./version-scheme.js";

/**
 * Token kinds of an Alpine version `digit{.digit}...{letter}{_suffix{number}}...{~hash}{-r#}`, in
 * the order apk-tools requires them; the order is also used when two versions diverge in kind.
 */
const INITIAL_DIGIT = 0;
const DIGIT = 1;
const LETTER = 2;
const SUFFIX = 3;
const SUFFIX_NUMBER = 4;
const COMMIT_HASH = 5;
const REVISION = 6;
const END = 7;
const INVALID = 8;

/** Suffix ranks: pre-release suffixes below NONE (a plain release), post-release ones above. */
const SUFFIX_RANK: Readonly<Record<string, number>> = {
  alpha: 1,
  beta: 2,
  pre: 3,
  rc: 4,
  cvs: 6,
  svn: 7,
  git: 8,
  hg: 9,
  p: 10,
};
const SUFFIX_NONE = 5;

/** A tokenised Alpine version; `last` is END for valid versions. */
export interface ApkVersion {
  readonly kinds: readonly number[];
  /** Numeric value (digits), character code (letter) or suffix rank (suffix). */
  readonly numbers: readonly number[];
  /** Raw text of digit runs and commit hashes, for leading-zero and hash comparisons. */
  readonly texts: readonly string[];
  readonly last: number;
}

function isHex(code: number): boolean {
  return isAsciiDigit(code) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
}

/**
 * Tokenise like apk-tools' version.c. Tokenising stops at the first token that may not follow the
 * previous one and records INVALID, because apk still orders such strings by their valid prefix.
 */
function tokenize(text: string): ApkVersion {
  const kinds: number[] = [];
  const numbers: number[] = [];
  const texts: string[] = [];
  let index = 0;
  const pushDigits = (kind: number): boolean => {
    const start = index;
    while (index < text.length && isAsciiDigit(text.charCodeAt(index))) index++;
    if (index === start) return false;
    const run = text.slice(start, index);
    kinds.push(kind);
    numbers.push(digitValue(run));
    texts.push(run);
    return true;
  };
  if (!pushDigits(INITIAL_DIGIT)) return { kinds, numbers, texts, last: INVALID };
  let previous = INITIAL_DIGIT;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    let next = INVALID;
    if (isAsciiLower(code)) {
      if (previous <= DIGIT) {
        kinds.push(LETTER);
        numbers.push(code);
        texts.push("");
        index++;
        next = LETTER;
      }
    } else if (code === 46 /* . */) {
      index++;
      if (previous <= DIGIT && pushDigits(DIGIT)) next = DIGIT;
    } else if (isAsciiDigit(code)) {
      // Digit runs are read whole, so a bare digit can only start a suffix number (`_rc2`).
      if (previous === SUFFIX && pushDigits(SUFFIX_NUMBER)) next = SUFFIX_NUMBER;
    } else if (code === 95 /* _ */) {
      if (previous <= SUFFIX_NUMBER) {
        const start = ++index;
        while (index < text.length && isAsciiLower(text.charCodeAt(index))) index++;
        const rank = SUFFIX_RANK[text.slice(start, index)];
        if (rank !== undefined) {
          kinds.push(SUFFIX);
          numbers.push(rank);
          texts.push("");
          next = SUFFIX;
        }
      }
    } else if (code === 126 /* ~ */) {
      if (previous < COMMIT_HASH) {
        const start = ++index;
        while (index < text.length && isHex(text.charCodeAt(index))) index++;
        if (index > start) {
          kinds.push(COMMIT_HASH);
          numbers.push(0);
          texts.push(text.slice(start, index));
          next = COMMIT_HASH;
        }
      }
    } else if (code === 45 /* - */) {
      if (previous < REVISION && text.charCodeAt(index + 1) === 114 /* r */) {
        index += 2;
        if (pushDigits(REVISION)) next = REVISION;
      }
    }
    if (next === INVALID) return { kinds, numbers, texts, last: INVALID };
    previous = next;
  }
  return { kinds, numbers, texts, last: END };
}

function compareToken(a: ApkVersion, b: ApkVersion, index: number, kind: number): number {
  if (kind === DIGIT) {
    const ta = a.texts[index] as string;
    const tb = b.texts[index] as string;
    // apk (like Gentoo) compares a fractional part with a leading zero as text: 1.06 < 1.1.
    if (ta.charCodeAt(0) === 48 || tb.charCodeAt(0) === 48) return compareText(ta, tb);
  }
  if (kind === COMMIT_HASH) return compareText(a.texts[index] as string, b.texts[index] as string);
  return compareNumbers(
    a.numbers[index] as number,
    b.numbers[index] as number,
    a.texts[index] as string,
    b.texts[index] as string,
  );
}

/**
 * apk's comparison of two tokenised versions. With `fuzzy`, a version matches when `b` is a prefix
 * of it (`3.6.9 ~ 3.6`), as apk's `~` dependency operator does.
 */
function compareTokens(a: ApkVersion, b: ApkVersion, fuzzy: boolean): number {
  const shared = Math.min(a.kinds.length, b.kinds.length);
  let index = 0;
  for (; index < shared; index++) {
    const kind = a.kinds[index] as number;
    if (kind !== b.kinds[index]) break;
    const order = compareToken(a, b, index, kind);
    if (order !== 0) return order;
  }
  const ka = index < a.kinds.length ? (a.kinds[index] as number) : a.last;
  const kb = index < b.kinds.length ? (b.kinds[index] as number) : b.last;
  if (ka === kb) return 0;
  if (kb === END && fuzzy) return 0;
  // The longer version is newer unless what it adds is a pre-release suffix (1.1_alpha1 < 1.1).
  if (ka === SUFFIX && (a.numbers[index] as number) < SUFFIX_NONE) return -1;
  if (kb === SUFFIX && (b.numbers[index] as number) < SUFFIX_NONE) return 1;
  return ka > kb ? -1 : 1;
}

/** apk's order of two parsed Alpine versions. */
export function compareApk(a: ApkVersion, b: ApkVersion): number {
  return compareTokens(a, b, false);
}

const LESS = 1;
const EQUAL = 2;
const GREATER = 4;
const FUZZY = 8;
const CONFLICT = 16;
const OPERATOR_BITS: Readonly<Record<string, number>> = {
  "<": LESS,
  ">": GREATER,
  "=": EQUAL,
  "~": FUZZY | EQUAL,
  "!": CONFLICT,
};

/**
 * Whether `a <operator> b` holds for apk (`<`, `<=`, `=`, `>=`, `>`, `~`, `<~`, `>~`, each optionally
 * negated with `!`), on raw strings exactly as `apk vertest` decides it, invalid versions included.
 * Throws InvalidVersionError for an operator apk does not know.
 */
export function apkVersionTextMatches(a: string, operator: string, b: string): boolean {
  let mask = 0;
  for (const character of operator) {
    const bit = OPERATOR_BITS[character];
    if (bit === undefined) throw new InvalidVersionError("apk", operator, "unknown operator");
    mask |= bit;
  }
  const order = compareTokens(tokenize(a), tokenize(b), (mask & FUZZY) !== 0);
  const result = order < 0 ? LESS : order > 0 ? GREATER : EQUAL;
  const holds = (result & mask) !== 0;
  return (mask & CONFLICT) !== 0 ? !holds : holds;
}

/** Whether `version` satisfies apk's fuzzy `~` constraint against `prefix` (e.g. `3.6.9 ~ 3.6`). */
export function apkFuzzyMatches(version: ApkVersion, prefix: ApkVersion): boolean {
  return compareTokens(version, prefix, true) === 0;
}

/**
 * Alpine Linux apk versions (also Wolfi and Chainguard), ordered as apk-tools 3 orders them: numeric
 * components, one letter, `_alpha`…`_p` suffixes, `~commit`, `-rN`. Hand-rolled
 * (docs/adr/0010-version-schemes.md).
 */
export const apkScheme: VersionScheme<ApkVersion> = {
  name: "apk",
  parse(version: string): ApkVersion {
    const parsed = typeof version === "string" ? tokenize(version) : undefined;
    if (!parsed || parsed.last !== END) throw new InvalidVersionError("apk", version);
    return parsed;
  },
  compare: compareApk,
};
