import { compareDigitRuns, compareText } from "./numeric.js";
import { InvalidVersionError, type VersionScheme } from "./version-scheme.js";

/** A parsed Gentoo (PMS) version `1.2.3b_rc1_p2-r3`. */
export interface GentooVersion {
  /** Numeric components as digit text: PMS compares some numerically and some as text. */
  readonly components: readonly string[];
  /** The optional letter after the numbers, "" when absent. */
  readonly letter: string;
  /** Suffix ranks (alpha 0 < beta 1 < pre 2 < rc 3 < p 4) with their numbers (0 when absent). */
  readonly suffixes: readonly (readonly [rank: number, number: string])[];
  readonly revision: string;
}

const SUFFIX_RANK: Readonly<Record<string, number>> = { alpha: 0, beta: 1, pre: 2, rc: 3, p: 4 };
const P_RANK = 4;
const GENTOO = /^(\d+(?:\.\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|p)\d*)*)(?:-r(\d+))?$/;

function parseGentoo(version: string): GentooVersion {
  const match = typeof version === "string" ? GENTOO.exec(version) : null;
  if (!match) throw new InvalidVersionError("gentoo", version);
  const suffixes = [...(match[3] ?? "").matchAll(/_(alpha|beta|pre|rc|p)(\d*)/g)].map(
    ([, name = "", number = ""]) => [SUFFIX_RANK[name] ?? 0, number === "" ? "0" : number] as const,
  );
  return { components: (match[1] ?? "").split("."), letter: match[2] ?? "", suffixes, revision: match[4] ?? "0" };
}

function stripTrailingZeros(text: string): string {
  return text.replace(/0+$/, "");
}

/** PMS algorithm 3.2/3.3: a component with a leading zero compares as text without trailing zeros. */
function compareComponent(a: string, b: string): number {
  if (a.charCodeAt(0) === 48 || b.charCodeAt(0) === 48)
    return compareText(stripTrailingZeros(a), stripTrailingZeros(b));
  return compareDigitRuns(a, b);
}

/** The Package Manager Specification's version comparison (section 3.3). */
export function compareGentoo(a: GentooVersion, b: GentooVersion): number {
  const first = compareDigitRuns(a.components[0] ?? "0", b.components[0] ?? "0");
  if (first !== 0) return first;
  const shared = Math.min(a.components.length, b.components.length);
  for (let index = 1; index < shared; index++) {
    const order = compareComponent(a.components[index] as string, b.components[index] as string);
    if (order !== 0) return order;
  }
  if (a.components.length !== b.components.length) return a.components.length < b.components.length ? -1 : 1;
  const letters = compareText(a.letter, b.letter);
  if (letters !== 0) return letters;
  const sharedSuffixes = Math.min(a.suffixes.length, b.suffixes.length);
  for (let index = 0; index < sharedSuffixes; index++) {
    const [rankA, numberA] = a.suffixes[index] as readonly [number, string];
    const [rankB, numberB] = b.suffixes[index] as readonly [number, string];
    if (rankA !== rankB) return rankA < rankB ? -1 : 1;
    const order = compareDigitRuns(numberA, numberB);
    if (order !== 0) return order;
  }
  // An extra `_p` suffix makes a version newer; any other extra suffix makes it a pre-release.
  if (a.suffixes.length > sharedSuffixes) return (a.suffixes[sharedSuffixes]?.[0] ?? 0) === P_RANK ? 1 : -1;
  if (b.suffixes.length > sharedSuffixes) return (b.suffixes[sharedSuffixes]?.[0] ?? 0) === P_RANK ? -1 : 1;
  return compareDigitRuns(a.revision, b.revision);
}

/** Gentoo ebuild versions, ordered by the Package Manager Specification. */
export const gentooScheme: VersionScheme<GentooVersion> = {
  name: "gentoo",
  parse: parseGentoo,
  compare: compareGentoo,
};
