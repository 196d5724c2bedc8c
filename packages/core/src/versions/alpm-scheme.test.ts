import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alpmScheme } from "./alpm-scheme.js";
import { InvalidVersionError } from "./version-scheme.js";

/**
 * A deliberately naive port of pacman's rpmvercmp (lib/libalpm/version.c) walking characters, to
 * check that the sort-key encoding in alpm-scheme.ts orders exactly like the algorithm it replaces.
 */
const isDigit = (character: string | undefined): boolean => character !== undefined && /[0-9]/.test(character);
const isAlpha = (character: string | undefined): boolean => character !== undefined && /[A-Za-z]/.test(character);
const isAlnum = (character: string | undefined): boolean => isDigit(character) || isAlpha(character);

function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let one = 0;
  let two = 0;
  let ptr1 = 0;
  let ptr2 = 0;
  while (one < a.length && two < b.length) {
    while (one < a.length && !isAlnum(a[one])) one++;
    while (two < b.length && !isAlnum(b[two])) two++;
    if (!(one < a.length && two < b.length)) break;
    if (one - ptr1 !== two - ptr2) return one - ptr1 < two - ptr2 ? -1 : 1;
    ptr1 = one;
    ptr2 = two;
    const numeric = isDigit(a[ptr1]);
    const inRun = numeric ? isDigit : isAlpha;
    while (ptr1 < a.length && inRun(a[ptr1])) ptr1++;
    while (ptr2 < b.length && inRun(b[ptr2])) ptr2++;
    if (two === ptr2) return numeric ? 1 : -1;
    let x = a.slice(one, ptr1);
    let y = b.slice(two, ptr2);
    if (numeric) {
      x = x.replace(/^0+/, "");
      y = y.replace(/^0+/, "");
      if (x.length !== y.length) return x.length > y.length ? 1 : -1;
    }
    if (x !== y) return x < y ? -1 : 1;
    one = ptr1;
    two = ptr2;
  }
  if (one >= a.length && two >= b.length) return 0;
  return (one >= a.length && !isAlpha(b[two])) || isAlpha(a[one]) ? -1 : 1;
}

/** alpm_pkg_vercmp: epoch, version, and the release only when both sides have one. */
function vercmp(a: string, b: string): number {
  const split = (text: string) => {
    const colon = text.indexOf(":");
    const rest = text.slice(colon + 1);
    const hyphen = rest.lastIndexOf("-");
    return {
      epoch: colon >= 0 ? text.slice(0, colon) : "0",
      version: hyphen >= 0 ? rest.slice(0, hyphen) : rest,
      release: hyphen >= 0 ? rest.slice(hyphen + 1) : undefined,
    };
  };
  const x = split(a);
  const y = split(b);
  const order = rpmvercmp(x.epoch, y.epoch) || rpmvercmp(x.version, y.version);
  if (order !== 0 || x.release === undefined || y.release === undefined) return order;
  return rpmvercmp(x.release, y.release);
}

const fragment = fc.constantFrom(
  "0",
  "1",
  "01",
  "10",
  "99999999999999999999",
  "a",
  "B",
  "rc",
  ".",
  "_",
  "+",
  "..",
  "~",
);
const pkgver = fc
  .array(fragment, { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(""))
  .filter((text) => /[A-Za-z0-9]$/.test(text));
const release = fc.constantFrom("1", "2", "10", "1.1", "1.01");
const full = fc
  .tuple(fc.option(fc.constantFrom("0", "1", "2")), pkgver, fc.option(release))
  .map(([epoch, version, rel]) => `${epoch === null ? "" : `${epoch}:`}${version}${rel === null ? "" : `-${rel}`}`);
const withRelease = fc.tuple(pkgver, release).map(([version, rel]) => `${version}-${rel}`);

const compare = (a: string, b: string): number =>
  Math.sign(alpmScheme.compare(alpmScheme.parse(a), alpmScheme.parse(b)));

describe("alpmScheme", () => {
  it("orders like a character-walking port of pacman's vercmp on random input", () => {
    fc.assert(
      fc.property(full, full, (a, b) => {
        expect(compare(a, b)).toBe(Math.sign(vercmp(a, b)));
      }),
      { numRuns: 5000 },
    );
  });

  it("is antisymmetric, and transitive among versions that all carry a release", () => {
    fc.assert(
      fc.property(full, full, (a, b) => {
        expect(compare(a, b)).toBe(-compare(b, a) || 0);
      }),
    );
    fc.assert(
      fc.property(withRelease, withRelease, withRelease, (a, b, c) => {
        if (compare(a, b) <= 0 && compare(b, c) <= 0) expect(compare(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });

  it("follows pacman where it differs from RPM", () => {
    const versions = ["1.0", "1.0a", "1:0.9", "1.0.a", "1.0..0", "1.0.0", "1.0rc1", "1.0-2", "0.9-3"];
    const sorted = [...versions].sort(compare);
    // `1.0-2` equals `1.0` (a missing release matches any), so the stable sort keeps their input order.
    expect(sorted).toEqual(["0.9-3", "1.0a", "1.0rc1", "1.0", "1.0-2", "1.0.a", "1.0.0", "1.0..0", "1:0.9"]);
    expect(compare("1.5-1", "1.5")).toBe(0);
    expect(compare("1.5-1", "1.5-2")).toBe(-1);
    expect(compare("1.5-10", "1.5-9")).toBe(1);
  });

  it("keeps the parts of a parsed version", () => {
    expect(alpmScheme.parse("2:1.2.3_rc1-4.1")).toMatchObject({ epoch: 2, version: "1.2.3_rc1", release: "4.1" });
  });

  it.each(["", "-1", ":1.0", "a:1.0", "1.0-", "1.0-rc1", "1.0-1-1", "1.0.", "1.0_-1", "1 0", "1/0", "1.0é"])(
    "rejects %j",
    (version) => {
      expect(() => alpmScheme.parse(version)).toThrow(InvalidVersionError);
    },
  );
});
