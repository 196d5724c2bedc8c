import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { debScheme } from "./deb-scheme.js";
import { InvalidVersionError } from "./version-scheme.js";

/**
 * A deliberately naive character-walking verrevcmp, written from deb-version(7), to check that the
 * sort-key encoding in deb-scheme.ts orders exactly like the algorithm it replaces.
 */
function isDigit(character: string | undefined): boolean {
  return character !== undefined && character >= "0" && character <= "9";
}

function order(character: string | undefined): number {
  if (character === undefined || isDigit(character)) return 0;
  if (character === "~") return -1;
  if (/[A-Za-z]/.test(character)) return character.charCodeAt(0);
  return character.charCodeAt(0) + 256;
}

function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const difference = order(a[i]) - order(b[j]);
      if (difference !== 0) return difference;
      i++;
      j++;
    }
    while (a[i] === "0") i++;
    while (b[j] === "0") j++;
    let firstDifference = 0;
    while (isDigit(a[i]) && isDigit(b[j])) {
      if (firstDifference === 0) firstDifference = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (isDigit(a[i])) return 1;
    if (isDigit(b[j])) return -1;
    if (firstDifference !== 0) return firstDifference;
  }
  return 0;
}

function referenceCompare(a: string, b: string): number {
  const split = (text: string) => {
    const colon = text.indexOf(":");
    const epoch = colon >= 0 ? Number(text.slice(0, colon)) : 0;
    const rest = text.slice(colon + 1);
    const hyphen = rest.lastIndexOf("-");
    return hyphen >= 0
      ? { epoch, upstream: rest.slice(0, hyphen), revision: rest.slice(hyphen + 1) }
      : { epoch, upstream: rest, revision: "" };
  };
  const x = split(a);
  const y = split(b);
  return x.epoch - y.epoch || verrevcmp(x.upstream, y.upstream) || verrevcmp(x.revision, y.revision);
}

const fragment = fc.constantFrom(
  "0",
  "00",
  "1",
  "9",
  "10",
  "010",
  "123456789012345678",
  "a",
  "b",
  "Z",
  "~",
  ".",
  "+",
  "rc",
);
const upstream = fc
  .tuple(
    fc.constantFrom("0", "1", "2", "10"),
    fc.array(fc.oneof(fragment, fc.constantFrom("-", ":")), { maxLength: 6 }),
  )
  .map(([first, rest]) => first + rest.join(""));
const revision = fc.array(fragment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(""));
/** Random versions, `-` and `:` inside the upstream part included, kept when dpkg would accept them. */
const debVersion = fc
  .tuple(
    fc.option(fc.constantFrom("0", "1", "2", "10"), { nil: undefined }),
    upstream,
    fc.option(revision, { nil: undefined }),
  )
  .map(([epoch, up, rev]) => `${epoch === undefined ? "" : `${epoch}:`}${up}${rev === undefined ? "" : `-${rev}`}`)
  .filter((version) => {
    try {
      debScheme.parse(version);
      return true;
    } catch {
      return false;
    }
  });

function sign(value: number): number {
  return Math.sign(value);
}

describe("debScheme", () => {
  it("orders like a character-by-character verrevcmp on random versions", () => {
    fc.assert(
      fc.property(debVersion, debVersion, (a, b) => {
        expect(sign(debScheme.compare(debScheme.parse(a), debScheme.parse(b)))).toBe(sign(referenceCompare(a, b)));
      }),
      { numRuns: 5000 },
    );
  });

  it("sorts tilde before the release and treats a missing revision like revision 0", () => {
    const sorted = ["1.0", "1.0~rc1", "1.0+nmu1", "1:0.9", "1.0-0.1"].sort((a, b) =>
      debScheme.compare(debScheme.parse(a), debScheme.parse(b)),
    );
    expect(sorted).toEqual(["1.0~rc1", "1.0", "1.0-0.1", "1.0+nmu1", "1:0.9"]);
    expect(debScheme.compare(debScheme.parse("1.0-0"), debScheme.parse("1.0"))).toBe(0);
  });

  it("keeps epoch, upstream version and revision of a parsed version", () => {
    expect(debScheme.parse("1:1.30.1-4ubuntu6.4")).toMatchObject({
      epoch: 1,
      upstream: "1.30.1",
      revision: "4ubuntu6.4",
    });
    expect(debScheme.parse("4.14.167")).toMatchObject({ epoch: 0, upstream: "4.14.167", revision: undefined });
  });

  it("rejects versions dpkg rejects with a typed error naming the reason", () => {
    for (const version of ["", "a1.0", "1.0-", ":1.0", "x:1.0", "1.0 beta", "1.0_1", "1:2:3-4-", "1.0-r@1"]) {
      expect(() => debScheme.parse(version), version).toThrow(InvalidVersionError);
    }
    expect(() => debScheme.parse("1.0-")).toThrow(/empty revision/);
  });

  it("accepts a colon in the upstream version only after an epoch, and hyphens only before a revision", () => {
    expect(() => debScheme.parse("1:2:3")).not.toThrow();
    expect(() => debScheme.parse("2:3")).not.toThrow();
    expect(() => debScheme.parse("1.0-2-3")).not.toThrow();
  });
});
