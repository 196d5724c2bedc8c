import { compareNumbers, compareText, digitValue } from "./numeric.js";
import { InvalidVersionError, type VersionScheme } from "./version-scheme.js";

/** A parsed RubyGems version: its canonical segments (numbers and letter runs). */
export interface GemVersion {
  /** True for numeric segments. */
  readonly numeric: readonly boolean[];
  readonly numbers: readonly number[];
  /** Letter runs, and the digit text of numbers for values too long to be exact as doubles. */
  readonly texts: readonly string[];
}

/** Gem::Version::ANCHORED_VERSION_PATTERN, after surrounding whitespace is stripped. */
const GEM = /^[0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

function parseGem(version: string): GemVersion {
  const text = typeof version === "string" ? version.trim() : "";
  if (!GEM.test(text)) throw new InvalidVersionError("gem", version);
  // RubyGems reads `1.0-rc1` as `1.0.pre.rc1`, a pre-release.
  const segments = text.replaceAll("-", ".pre.").match(/[0-9]+|[a-z]+/gi) ?? [];
  const firstWord = segments.findIndex((segment) => !/^\d/.test(segment));
  const split = firstWord < 0 ? segments.length : firstWord;
  // canonical_segments: trailing zeros dropped from the release part and from the pre-release part.
  const canonical = [...dropTrailingZeros(segments.slice(0, split)), ...dropTrailingZeros(segments.slice(split))];
  const numeric = canonical.map((segment) => /^\d/.test(segment));
  return {
    numeric,
    numbers: canonical.map((segment, index) => (numeric[index] ? digitValue(segment) : 0)),
    texts: canonical,
  };
}

function dropTrailingZeros(segments: string[]): string[] {
  let end = segments.length;
  while (end > 0 && /^0+$/.test(segments[end - 1] as string)) end--;
  return segments.slice(0, end);
}

/** Gem::Version#<=>: segment by segment, missing segments are 0, a word sorts below a number. */
export function compareGem(a: GemVersion, b: GemVersion): number {
  const length = Math.max(a.numeric.length, b.numeric.length);
  for (let index = 0; index < length; index++) {
    const numberA = index < a.numeric.length ? (a.numeric[index] as boolean) : true;
    const numberB = index < b.numeric.length ? (b.numeric[index] as boolean) : true;
    if (numberA !== numberB) return numberA ? 1 : -1;
    const order = numberA
      ? compareNumbers(a.numbers[index] ?? 0, b.numbers[index] ?? 0, a.texts[index] ?? "0", b.texts[index] ?? "0")
      : compareText(a.texts[index] as string, b.texts[index] as string);
    if (order !== 0) return order;
  }
  return 0;
}

/** RubyGems versions, ordered like Gem::Version (any letter makes a pre-release: `1.0.a` < `1.0`). */
export const gemScheme: VersionScheme<GemVersion> = {
  name: "gem",
  parse: parseGem,
  compare: compareGem,
};
