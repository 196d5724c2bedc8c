import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type CvssScores, scoreCvss } from "../../../src/cvss/index.js";
import { type ConformanceSuite, FIXTURES, type VectorResult, vector } from "../suite.js";

/**
 * Red Hat's `cvss` vector files (fixtures/cvss-redhat, see PROVENANCE.md). Each line is
 * `<vector> - <expected>`, read as upstream's tests read it: v2/v3 expect the tuple
 * (base, temporal, environmental), v2 with `None` where no temporal or environmental metric is
 * given; v4 expects one score, bare or as a one-tuple `(9.2,)`.
 */
const DIRECTORY = join(FIXTURES, "cvss-redhat");

type Expected = readonly (number | null)[];

function parseExpected(text: string): Expected {
  return text
    .replace(/[()]/g, "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => (part === "None" ? null : Number(part)));
}

function actualScores(scores: CvssScores): Expected {
  if (scores.version === "4.0") return [scores.score];
  return [scores.baseScore, scores.temporalScore, scores.environmentalScore];
}

function runFile(file: string): VectorResult[] {
  const lines = readFileSync(join(DIRECTORY, file), "utf8").split("\n");
  const results: VectorResult[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    results.push(
      vector(`${file}:${index + 1}`, () => {
        const [vectorString = "", expectedText = ""] = line.split(" - ");
        const expected = parseExpected(expectedText);
        const actual = actualScores(scoreCvss(vectorString));
        const matches =
          expected.length === actual.length && expected.every((score, position) => score === actual[position]);
        return matches || `${vectorString}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
      }),
    );
  }
  return results;
}

function suite(name: string, files: readonly string[]): ConformanceSuite {
  return { name, run: () => files.flatMap(runFile) };
}

export default [
  suite("cvss-v2", ["vectors_simple2", "vectors_calculator2", "vectors_cvsslib2"]),
  suite("cvss-v3.0", ["vectors_simple3", "vectors_calculator3", "vectors_cvsslib3"]),
  suite("cvss-v3.1", ["vectors_simple31"]),
  suite("cvss-v4.0", ["vectors_simple4", "vectors_security4", "vectors_supplemental4", "vectors_threat4"]),
] satisfies ConformanceSuite[];
