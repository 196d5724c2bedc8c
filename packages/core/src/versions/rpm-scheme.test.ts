import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rpmScheme, rpmVercmpKey } from "./rpm-scheme.js";
import { InvalidVersionError } from "./version-scheme.js";

/** A deliberately naive rpmvercmp written from RPM's documented rules, to check the sort-key encoding. */
function isDigit(character: string | undefined): boolean {
  return character !== undefined && character >= "0" && character <= "9";
}

function isAlpha(character: string | undefined): boolean {
  return character !== undefined && /[A-Za-z]/.test(character);
}

function rpmvercmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isDigit(a[i]) && !isAlpha(a[i]) && a[i] !== "~" && a[i] !== "^") i++;
    while (j < b.length && !isDigit(b[j]) && !isAlpha(b[j]) && b[j] !== "~" && b[j] !== "^") j++;
    if (a[i] === "~" || b[j] === "~") {
      if (a[i] !== "~") return 1;
      if (b[j] !== "~") return -1;
      i++;
      j++;
      continue;
    }
    if (a[i] === "^" || b[j] === "^") {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== "^") return 1;
      if (b[j] !== "^") return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const startA = i;
    const startB = j;
    const numeric = isDigit(a[i]);
    const inRun = numeric ? isDigit : isAlpha;
    while (i < a.length && inRun(a[i])) i++;
    while (j < b.length && inRun(b[j])) j++;
    if (startB === j) return numeric ? 1 : -1;
    let x = a.slice(startA, i);
    let y = b.slice(startB, j);
    if (numeric) {
      x = x.replace(/^0+/, "");
      y = y.replace(/^0+/, "");
      if (x.length !== y.length) return x.length > y.length ? 1 : -1;
    }
    if (x !== y) return x < y ? -1 : 1;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

const fragment = fc.constantFrom("0", "1", "01", "10", "99999999999999999999", "a", "B", "rc", "~", "^", ".", "_", "+");
const part = fc.array(fragment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(""));

describe("rpmScheme", () => {
  it("orders bare versions like a character-walking rpmvercmp on random input", () => {
    fc.assert(
      fc.property(part, part, (a, b) => {
        const key = Math.sign(rpmScheme.compare(rpmScheme.parse(a), rpmScheme.parse(b)));
        expect(key).toBe(Math.sign(rpmvercmp(a, b)));
      }),
      { numRuns: 5000 },
    );
  });

  it("orders full EVRs by epoch, then version, then release", () => {
    const evrs = ["1:1.0-1", "1.0-1.el8", "1.0-1.el8_7", "0:1.0~rc1-1", "1.0^git1-1", "1.0"];
    const sorted = [...evrs].sort((a, b) => rpmScheme.compare(rpmScheme.parse(a), rpmScheme.parse(b)));
    expect(sorted).toEqual(["0:1.0~rc1-1", "1.0", "1.0-1.el8", "1.0-1.el8_7", "1.0^git1-1", "1:1.0-1"]);
  });

  it("keeps the parts of a parsed EVR", () => {
    expect(rpmScheme.parse("1:1.1.1k-9.el8_7")).toMatchObject({ epoch: 1, version: "1.1.1k", release: "9.el8_7" });
  });

  it("rejects empty parts and characters rpm does not allow, with a typed error", () => {
    for (const version of ["", "1.0-", ":1.0", "a:1.0", "1.0 1", "1.0-1/2", "1.1.α"]) {
      expect(() => rpmScheme.parse(version), version).toThrow(InvalidVersionError);
    }
    expect(() => rpmVercmpKey("")).toThrow(InvalidVersionError);
  });
});
