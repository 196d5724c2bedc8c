import { compareNumbers, compareText, digitValue } from "./numeric.js";
import { InvalidVersionError, type VersionScheme } from "./version-scheme.js";

/**
 * One item of Maven's ComparableVersion: a number, a qualifier or a nested list (opened by `-` or by
 * a switch between digits and letters).
 */
export type MavenItem =
  | { readonly kind: "int"; readonly value: number; readonly digits: string }
  | { readonly kind: "string"; readonly qualifier: string }
  | { readonly kind: "list"; readonly items: readonly MavenItem[] };

/** A parsed Maven version: the root list of ComparableVersion items. */
export interface MavenVersion {
  readonly items: readonly MavenItem[];
}

/** Known qualifiers, oldest first; the empty qualifier is the release itself. */
const QUALIFIERS = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];
const ALIASES: Readonly<Record<string, string>> = { ga: "", final: "", cr: "rc" };
const RELEASE_QUALIFIER = String(QUALIFIERS.indexOf("") + 1);

/**
 * Maven's comparable form of a qualifier: its rank for known ones, otherwise `7-<text>`, so unknown
 * qualifiers sort after all known ones and among themselves lexically (string comparison, as Maven).
 */
function comparableQualifier(text: string): string {
  const index = QUALIFIERS.indexOf(text);
  return index >= 0 ? String(index + 1) : `${QUALIFIERS.length}-${text}`;
}

type MutableList = MavenItem[];

function isNullItem(item: MavenItem): boolean {
  if (item.kind === "int") return item.value === 0;
  if (item.kind === "string") return item.qualifier === RELEASE_QUALIFIER;
  return item.items.length === 0;
}

/** Drop trailing "null" items (0, release qualifier, empty list) so `1.0` = `1` and `1-ga` = `1`. */
function normalize(list: MutableList): MutableList {
  for (let index = list.length - 1; index >= 0; index--) {
    const item = list[index] as MavenItem;
    if (isNullItem(item)) list.splice(index, 1);
    else if (item.kind !== "list") break;
  }
  return list;
}

function parseItem(text: string, followedByDigit: boolean): MavenItem {
  if (/^[0-9]+$/.test(text)) return { kind: "int", value: digitValue(text), digits: text };
  let qualifier = text;
  // `1.0a1` means alpha 1, `b` beta, `m` milestone, but only right before a number.
  if (followedByDigit && text.length === 1) {
    qualifier = text === "a" ? "alpha" : text === "b" ? "beta" : text === "m" ? "milestone" : text;
  }
  qualifier = ALIASES[qualifier] ?? qualifier;
  return { kind: "string", qualifier: comparableQualifier(qualifier) };
}

const ZERO: MavenItem = { kind: "int", value: 0, digits: "0" };

function isDigit(character: string): boolean {
  return character >= "0" && character <= "9";
}

/** Parse like Maven 3's ComparableVersion.parseVersion (as ported by univers/pymaven). */
function parseMaven(version: string): MavenVersion {
  if (typeof version !== "string" || version.trim() === "" || /[\s\p{Cc}]/u.test(version.trim())) {
    throw new InvalidVersionError("maven", version);
  }
  const text = version.trim().toLowerCase();
  const root: MutableList = [];
  let list = root;
  let start = 0;
  let digit = false;
  const openList = () => {
    normalize(list);
    const sublist: MutableList = [];
    list.push({ kind: "list", items: sublist });
    list = sublist;
  };
  for (let index = 0; index < text.length; index++) {
    const character = text.charAt(index);
    if (character === ".") {
      list.push(index === start ? ZERO : parseItem(text.slice(start, index), false));
      start = index + 1;
    } else if (character === "-") {
      list.push(index === start ? ZERO : parseItem(text.slice(start, index), false));
      start = index + 1;
      openList();
    } else if (isDigit(character)) {
      if (!digit && index > start) {
        list.push(parseItem(text.slice(start, index), true));
        openList();
        start = index;
      }
      digit = true;
    } else {
      if (digit && index > start) {
        list.push(parseItem(text.slice(start, index), false));
        openList();
        start = index;
      }
      digit = false;
    }
  }
  if (text.length > start) list.push(parseItem(text.slice(start), false));
  normalize(list);
  return { items: normalize(root) };
}

/** Compare an item with a missing one (the shorter side of a list). */
function compareWithNothing(item: MavenItem): number {
  if (item.kind === "int") return item.value === 0 ? 0 : 1;
  if (item.kind === "string") return compareText(item.qualifier, RELEASE_QUALIFIER);
  const first = item.items[0];
  return first === undefined ? 0 : compareWithNothing(first);
}

function compareItems(a: MavenItem, b: MavenItem): number {
  if (a.kind === "int") {
    if (b.kind === "int") return compareNumbers(a.value, b.value, a.digits, b.digits);
    return 1;
  }
  if (a.kind === "string") {
    if (b.kind === "string") return compareText(a.qualifier, b.qualifier);
    return -1;
  }
  if (b.kind === "int") return -1;
  if (b.kind === "string") return 1;
  return compareLists(a.items, b.items);
}

function compareLists(a: readonly MavenItem[], b: readonly MavenItem[]): number {
  const length = Math.max(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const x = a[index];
    const y = b[index];
    const order =
      x === undefined
        ? y === undefined
          ? 0
          : -compareWithNothing(y)
        : y === undefined
          ? compareWithNothing(x)
          : compareItems(x, y);
    if (order !== 0) return order;
  }
  return 0;
}

/** Maven's order of two parsed versions. */
export function compareMaven(a: MavenVersion, b: MavenVersion): number {
  return compareLists(a.items, b.items);
}

/**
 * Maven versions ordered like maven-artifact's ComparableVersion (qualifiers alpha < beta <
 * milestone < rc < snapshot < release < sp < others). Maven itself accepts any string; we reject
 * only empty strings and whitespace or control characters, which no published artifact has.
 */
export const mavenScheme: VersionScheme<MavenVersion> = {
  name: "maven",
  parse: parseMaven,
  compare: compareMaven,
};
