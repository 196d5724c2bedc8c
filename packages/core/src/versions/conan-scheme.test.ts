import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conanScheme } from "./conan-scheme.js";
import { InvalidVersionError } from "./version-scheme.js";

/**
 * A deliberately naive model of Conan 2's `Version` (conan/internal/model/version.py): items are
 * Python ints where `int()` accepts them, else strings; an int meets a string as `str(int)`.
 */
type Item = number | string;

function items(part: string): Item[] {
  const parsed = part
    .split(".")
    .map((item): Item => (/^[+-]?\d+(?:_\d+)*$/.test(item) ? Number(item.replaceAll("_", "")) : item));
  while (parsed.length > 0 && parsed[parsed.length - 1] === 0) parsed.pop();
  return parsed;
}

function compareItems(a: Item, b: Item): number {
  if (typeof a === "number" && typeof b === "number") return Math.sign(a - b);
  const x = String(a);
  const y = String(b);
  if (typeof a !== typeof b) return x < y ? -1 : 1;
  return x === y ? 0 : x < y ? -1 : 1;
}

function compareTuples(a: Item[], b: Item[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const order = compareItems(a[index] as Item, b[index] as Item);
    if (order !== 0) return order;
  }
  return Math.sign(a.length - b.length);
}

/** None < any build, as Python orders `None` against a Version inside the tuple comparison. */
function compareOptional(a: Item[] | undefined, b: Item[] | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  return compareTuples(a, b);
}

function conanCompare(left: string, right: string): number {
  const split = (text: string) => {
    const plus = text.lastIndexOf("+");
    const rest = plus >= 0 ? text.slice(0, plus) : text;
    const hyphen = rest.indexOf("-");
    return {
      main: items(hyphen >= 0 ? rest.slice(0, hyphen) : rest),
      pre: hyphen >= 0 ? items(rest.slice(hyphen + 1)) : undefined,
      build: plus >= 0 ? items(text.slice(plus + 1)) : undefined,
    };
  };
  const a = split(left);
  const b = split(right);
  const main = compareTuples(a.main, b.main);
  if (a.pre !== undefined && b.pre !== undefined) {
    return main || compareTuples(a.pre, b.pre) || compareOptional(a.build, b.build);
  }
  if (a.pre !== undefined || b.pre !== undefined) return main || (a.pre !== undefined ? -1 : 1);
  return main || compareOptional(a.build, b.build);
}

// Single-digit numbers only: with those, Conan's number-against-word text comparison is transitive,
// so the model and the scheme must agree exactly (see encodeItems for longer numbers).
const item = fc.constantFrom("0", "00", "1", "2", "01", "0_1", "a", "B", "rc1", "1a", "2b", "", "*", "_x");
const part = fc.array(item, { minLength: 1, maxLength: 4 }).map((parts) => parts.join("."));
const mainPart = part.filter((text) => text.length > 0);
const version = fc
  .tuple(mainPart, fc.option(part), fc.option(part))
  .map(([main, pre, build]) => `${main}${pre === null ? "" : `-${pre}`}${build === null ? "" : `+${build}`}`)
  .filter((text) => !text.startsWith("+"));

const compare = (a: string, b: string): number =>
  Math.sign(conanScheme.compare(conanScheme.parse(a), conanScheme.parse(b)));

describe("conanScheme", () => {
  it("orders like a model of Conan's Version class on random input", () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(compare(a, b)).toBe(conanCompare(a, b));
      }),
      { numRuns: 5000 },
    );
  });

  it("is a total order: antisymmetric and transitive, also with multi-digit numbers", () => {
    const wide = fc.constantFrom("2", "10", "1a", "9d", "10d", "1-2", "a", "");
    const wideVersion = fc.array(wide, { minLength: 1, maxLength: 3 }).map((parts) => `1.${parts.join(".")}`);
    fc.assert(
      fc.property(wideVersion, wideVersion, wideVersion, (a, b, c) => {
        expect(compare(a, b)).toBe(-compare(b, a) || 0);
        if (compare(a, b) <= 0 && compare(b, c) <= 0) expect(compare(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 3000 },
    );
  });

  it("orders pre-releases, releases and builds", () => {
    const versions = ["1.1+b1", "1.1", "1.1-alpha.2", "1.1-", "1.1-alpha.10", "1.0.2", "1.1.a", "1.1.0+b0", "1.1.1k"];
    const sorted = [...versions].sort(compare);
    expect(sorted).toEqual([
      "1.0.2",
      "1.1-",
      "1.1-alpha.2",
      "1.1-alpha.10",
      "1.1",
      "1.1.0+b0",
      "1.1+b1",
      "1.1.1k",
      "1.1.a",
    ]);
    expect(compare("1.1+b1", "1.1.0+b1.0")).toBe(0);
    // Python's int() reads `1_0` as 10, and `01a` sorts as text below 1, as in Conan.
    expect(compare("1.1_0", "1.10")).toBe(0);
    expect(compare("1.01a", "1.1")).toBe(-1);
    expect(compare("1.1.1k", "1.1.1")).toBe(1);
    expect(compare("1.1.1k", "1.1.2")).toBe(-1);
  });

  it("keeps the parts of a parsed version", () => {
    expect(conanScheme.parse("1.2-rc.1-x+b.7")).toMatchObject({ main: "1.2", pre: "rc.1-x", build: "b.7" });
  });

  it.each(["", "-rc1", "+b1", "1.0 ", "1.0,2", "1/0", "1.0-rc.-1", "1.0+-2", "1.0é"])("rejects %j", (input) => {
    expect(() => conanScheme.parse(input)).toThrow(InvalidVersionError);
  });
});
