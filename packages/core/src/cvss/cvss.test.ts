import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cvssBaseScore, parseCvss, scoreCvss } from "./cvss.js";
import type { CvssGrammar } from "./cvss-vector.js";
import { CVSS_V2_GRAMMAR } from "./cvss2.js";
import { cvssV3Grammar } from "./cvss3.js";
import { CVSS_V4_GRAMMAR } from "./cvss4.js";

describe("CVSS of any version", () => {
  it("scores each version by its own rules", () => {
    expect(scoreCvss("AV:N/AC:L/Au:N/C:P/I:P/A:P")).toMatchObject({ version: "2.0", baseScore: 7.5 });
    expect(scoreCvss("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).toMatchObject({ version: "3.0", baseScore: 9.8 });
    expect(scoreCvss("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")).toMatchObject({
      version: "4.0",
      score: 9.3,
    });
  });
  it("takes an already parsed vector", () => {
    const parsed = parseCvss("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H");
    expect(cvssBaseScore(scoreCvss(parsed))).toBe(8.8);
  });
  it("reports the headline score of every version", () => {
    expect(cvssBaseScore(scoreCvss("AV:N/AC:L/Au:N/C:C/I:C/A:C/E:U"))).toBe(10);
    expect(cvssBaseScore(scoreCvss("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U"))).toBe(8.1);
  });
});

/** Any valid vector of a grammar: every mandatory metric, each optional one maybe, in order. */
function arbitraryVector<Metric extends string>(grammar: CvssGrammar<Metric>): fc.Arbitrary<string> {
  const fields = (Object.entries(grammar.metrics) as [Metric, readonly string[]][]).map(([metric, values]) => {
    const field = fc.constantFrom(...values).map((value) => `${metric}:${value}`);
    return grammar.mandatory.includes(metric) ? field.map((text): string | null => text) : fc.option(field);
  });
  return fc
    .tuple(...fields)
    .map((chosen) => grammar.prefix + chosen.filter((field): field is string => field !== null).join("/"));
}

describe("CVSS properties", () => {
  const grammars = [CVSS_V2_GRAMMAR, cvssV3Grammar("3.0"), cvssV3Grammar("3.1"), CVSS_V4_GRAMMAR] as const;
  it.each(grammars.map((grammar) => [grammar.prefix || "v2", grammar] as const))(
    "%s: the canonical form parses back and scores the same",
    (_name, grammar: CvssGrammar<string>) => {
      fc.assert(
        fc.property(arbitraryVector(grammar), (vector) => {
          const parsed = parseCvss(vector);
          expect(scoreCvss(parseCvss(parsed.canonical))).toEqual(scoreCvss(parsed));
        }),
        { numRuns: 300 },
      );
    },
  );
  it("scores always lie in 0–10 with one decimal", () => {
    fc.assert(
      fc.property(fc.oneof(...grammars.map((grammar) => arbitraryVector(grammar as CvssGrammar<string>))), (vector) => {
        const score = cvssBaseScore(scoreCvss(vector));
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(10);
        expect(Math.round(score * 10) / 10).toBe(score);
      }),
      { numRuns: 500 },
    );
  });
});
