import { describe, expect, it } from "vitest";
import { InvalidVersionError } from "../versions/version-scheme.js";
import { datetimeScheme, intdotScheme, lexicographicScheme } from "./vers-schemes.js";

/** Sort with a scheme, the way vers orders constraints. */
function sortWith<P>(scheme: { parse(v: string): P; compare(a: P, b: P): number }, versions: string[]): string[] {
  return [...versions].sort((a, b) => scheme.compare(scheme.parse(a), scheme.parse(b)));
}

describe("vers-defined schemes", () => {
  it("lexicographic compares UTF-8 bytes without normalisation", () => {
    expect(sortWith(lexicographicScheme, ["é", "e\u0301", "Z", "a"])).toEqual(["Z", "a", "e\u0301", "é"]);
  });

  it("datetime orders by instant across offsets and fraction lengths", () => {
    expect(
      sortWith(datetimeScheme, ["2024-01-01T12:00:00Z", "2024-01-01T12:00:00-05:00", "2024-01-01T12:00:00.5+02:00"]),
    ).toEqual(["2024-01-01T12:00:00.5+02:00", "2024-01-01T12:00:00Z", "2024-01-01T12:00:00-05:00"]);
    const [a, b] = ["2024-01-01T00:00:00.10Z", "2024-01-01T00:00:00.1Z"].map((v) => datetimeScheme.parse(v));
    expect(a && b && datetimeScheme.compare(a, b)).toBe(0);
  });

  it("datetime refuses impossible dates rather than rolling them over", () => {
    expect(() => datetimeScheme.parse("2024-02-30T00:00:00Z")).toThrow(InvalidVersionError);
    expect(() => datetimeScheme.parse("2024-01-01 00:00:00Z")).toThrow(InvalidVersionError);
  });

  it("intdot compares integers, ignores leading zeros and stops at the first other character", () => {
    expect(sortWith(intdotScheme, ["10.2", "9.10", "09.9", "10.02.1-beta"])).toEqual([
      "09.9",
      "9.10",
      "10.2",
      "10.02.1-beta",
    ]);
    expect(() => intdotScheme.parse("beta")).toThrow(InvalidVersionError);
  });
});
