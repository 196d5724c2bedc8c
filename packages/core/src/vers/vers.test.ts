import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/app-error.js";
import { InvalidVersionError } from "../versions/version-scheme.js";
import {
  buildVers,
  compileVers,
  decodeVersVersion,
  encodeVersVersion,
  formatVers,
  NonCanonicalVersError,
  normalizeVers,
  parseVers,
  UnsupportedVersionSchemeError,
  type VersConstraint,
  VersSyntaxError,
  versContains,
  versFromAlternatives,
} from "./index.js";

describe("parseVers", () => {
  it("decodes a canonical vers into type and constraints", () => {
    expect(parseVers("vers:semver/>=1.0.0|<2.0.0")).toEqual({
      type: "semver",
      anyVersion: false,
      constraints: [
        { comparator: ">=", version: "1.0.0" },
        { comparator: "<", version: "2.0.0" },
      ],
    });
  });

  it("reads a lone star as every version", () => {
    expect(parseVers("vers:deb/*")).toEqual({ type: "deb", anyVersion: true, constraints: [] });
  });

  it("parses a single constraint of a type that has no scheme, since there is nothing to order", () => {
    expect(parseVers("vers:someunknowntype/1.0%7C2").constraints).toEqual([{ comparator: "=", version: "1.0|2" }]);
  });

  it("needs the scheme to check the order of two or more constraints", () => {
    expect(() => parseVers("vers:someunknowntype/>=1|<2")).toThrow(UnsupportedVersionSchemeError);
  });

  it.each([
    ["vers:semver/>=1.0.0| <2.0.0", "whitespace"],
    ["vers:semver/|>=1.0.0", "leading pipe"],
    ["vers:semver/>=1.0.0|", "trailing pipe"],
    ["vers:semver/>=1.0.0||<2.0.0", "consecutive pipes"],
    ["vers:semver/1.0%2G0", "invalid percent-encoding"],
    ["semver/1.0.0", "missing scheme"],
    ["vers:semver", "missing slash"],
    ["vers:semver/", "no constraints"],
    ["vers:1semver/1.0.0", "type starting with a digit"],
    ["vers:semver/*|1.0.0", "star with other constraints"],
    ["vers:semver/>=", "comparator without version"],
    ["vers:all/1.0.0", "all with a version"],
  ])("rejects %s as a syntax error (%s)", (text) => {
    expect(() => parseVers(text)).toThrow(VersSyntaxError);
  });

  it.each([
    ["vers:semver/>=2.0.0|<1.0.0", "unsorted"],
    ["vers:semver/1.0.0|>=1.0.0", "duplicate version"],
    ["vers:semver/>=1.0.0|>=2.0.0", "two lower bounds in a row"],
    ["vers:semver/<1.0.0|<2.0.0", "two upper bounds in a row"],
    ["vers:semver/1.0.0|<2.0.0", "= followed by <"],
    ["vers:SEMVER/1.0.0", "uppercase type"],
    ["VERS:semver/1.0.0", "uppercase scheme"],
    ["vers:semver/=1.0.0", "explicit ="],
    ["vers:lexicographic/a%2fb", "lowercase hex"],
    ["vers:lexicographic/a%2Fb", "needless encoding"],
    ["vers:datetime/2024-01-01t00:00:00z", "lowercase datetime t and z"],
  ])("rejects %s as non-canonical (%s)", (text) => {
    expect(() => parseVers(text)).toThrow(NonCanonicalVersError);
  });

  it("accepts != anywhere and = before lower bounds", () => {
    expect(() => parseVers("vers:semver/!=0.5.0|1.0.0|>=2.0.0|!=2.5.0|<3.0.0|!=4.0.0")).not.toThrow();
  });

  it("rejects versions the scheme does not accept, with the scheme's typed error", () => {
    expect(() => parseVers("vers:semver/>=1.0.0|<not-a-version")).toThrow(InvalidVersionError);
  });

  it("raises only InputError subclasses for bad input", () => {
    for (const text of ["vers:semver/>=1.0.0| <2", "vers:semver/>=2.0.0|<1.0.0"]) {
      expect(() => parseVers(text)).toThrow(InputError);
    }
  });
});

describe("percent-encoding", () => {
  it("encodes only the characters the spec reserves, in uppercase hex", () => {
    expect(encodeVersVersion("1.0|2<3%*é /")).toBe("1.0%7C2%3C3%25%2A%C3%A9%20/");
  });

  it("decodes exactly once", () => {
    expect(decodeVersVersion("1.0%252F0", "canonical")).toBe("1.0%2F0");
  });

  it("round-trips any string through encode and decode", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: "grapheme" }), (version) => {
        expect(decodeVersVersion(encodeVersVersion(version), "canonical")).toBe(version);
      }),
    );
  });
});

describe("normalizeVers", () => {
  it("sorts constraints by version and lowercases the type", () => {
    expect(normalizeVers("vers:SemVer/<2.0.0|>=1.0.0|0.5.0")).toBe("vers:semver/0.5.0|>=1.0.0|<2.0.0");
  });

  it("repairs percent-encoding spelling and datetime case", () => {
    expect(normalizeVers("vers:lexicographic/a%7cb")).toBe("vers:lexicographic/a%7Cb");
    expect(normalizeVers("vers:datetime/2024-01-01t00%3a00:00z")).toBe("vers:datetime/2024-01-01T00:00:00Z");
  });

  it("still rejects what cannot be repaired without guessing", () => {
    expect(() => normalizeVers("vers:semver/1.0.0||2.0.0")).toThrow(VersSyntaxError);
  });
});

describe("containment", () => {
  const range = compileVers("vers:semver/1.0.0|>=2.0.0|!=2.5.0|<3.0.0|>=4.0.0");

  it.each([
    ["0.9.0", false],
    ["1.0.0", true],
    ["1.5.0", false],
    ["2.0.0", true],
    ["2.5.0", false],
    ["2.9.9", true],
    ["3.0.0", false],
    ["4.0.0", true],
    ["99.0.0", true],
  ])("%s is inside: %s", (version, inside) => {
    expect(range.contains(version)).toBe(inside);
  });

  it("reads a range of only != constraints as every other version", () => {
    expect(versContains("vers:semver/!=1.0.0", "1.0.0")).toBe(false);
    expect(versContains("vers:semver/!=1.0.0", "1.0.1")).toBe(true);
  });

  it("treats vers:none/* as empty and vers:all/* as everything", () => {
    expect(versContains("vers:none/*", "1")).toBe(false);
    expect(versContains("vers:all/*", "1")).toBe(true);
  });

  it("accepts non-canonical order, since containment sorts first", () => {
    expect(versContains("vers:semver/<2.0.0|>=1.0.0", "1.5.0")).toBe(true);
  });

  it("orders datetime versions by instant, not by text", () => {
    expect(versContains("vers:datetime/>=2024-01-01T00:00:00Z", "2024-01-01T01:00:00+02:00")).toBe(false);
  });
});

describe("buildVers", () => {
  it("writes the canonical string from constraints in any order", () => {
    const constraints: VersConstraint[] = [
      { comparator: "<", version: "2.0.0" },
      { comparator: ">=", version: "1.0.0" },
    ];
    expect(buildVers("semver", constraints)).toBe("vers:semver/>=1.0.0|<2.0.0");
    expect(buildVers("semver", "*")).toBe("vers:semver/*");
  });
});

/** Small SemVer versions so that random ranges overlap often. */
const smallVersion = fc
  .tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 3 }))
  .map(([major, minor]) => `${major}.${minor}.0`);
const comparator = fc.constantFrom<VersConstraint["comparator"]>("=", "!=", "<", "<=", ">", ">=");
const alternative = fc.array(fc.record({ comparator, version: smallVersion }), { minLength: 1, maxLength: 3 });

/** What an alternative means, read directly. */
function satisfiesAll(constraints: readonly VersConstraint[], version: string): boolean {
  return constraints.every((constraint) =>
    versContains(`vers:semver/${constraint.comparator}${constraint.version}`.replace("/=", "/"), version),
  );
}

describe("versFromAlternatives (property)", () => {
  it("yields a valid canonical vers that contains exactly the versions some alternative allows", () => {
    fc.assert(
      fc.property(
        fc.array(alternative, { minLength: 1, maxLength: 4 }),
        fc.array(smallVersion, { maxLength: 8 }),
        (alternatives, probes) => {
          let vers: ReturnType<typeof versFromAlternatives>;
          try {
            vers = versFromAlternatives("semver", alternatives, "property");
          } catch (error) {
            // Only a range that matches nothing may fail, and then no probe may satisfy it.
            expect((error as Error).name).toBe("EmptyNativeRangeError");
            for (const probe of probes)
              expect(alternatives.some((constraints) => satisfiesAll(constraints, probe))).toBe(false);
            return;
          }
          const text = formatVers(vers);
          expect(() => parseVers(text)).not.toThrow();
          const matcher = compileVers(text);
          for (const probe of [...probes, ...alternatives.flat().map((constraint) => constraint.version)]) {
            expect(matcher.contains(probe)).toBe(alternatives.some((constraints) => satisfiesAll(constraints, probe)));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
