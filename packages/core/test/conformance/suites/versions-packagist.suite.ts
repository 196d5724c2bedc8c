import { readFileSync } from "node:fs";
import { join } from "node:path";
import { composerScheme } from "../../../src/versions/composer-scheme.js";
import { type ConformanceSuite, FIXTURES, type VectorResult, vector } from "../suite.js";

const ORDER: Readonly<Record<string, number>> = { "<": -1, "=": 0, ">": 1 };

/** packagist: OSV.dev's Packagist ordering cases, `a <op> b` per line, `//` comments. */
function packagistRows(): VectorResult[] {
  const text = readFileSync(join(FIXTURES, "packagist/packagist_test_cases.txt"), "utf8");
  const results: VectorResult[] = [];
  for (const [index, line] of text.split("\n").entries()) {
    if (line.trim() === "" || line.startsWith("//")) continue;
    const [a = "", op = "", b = ""] = line.trim().split(/\s+/);
    results.push(
      vector(`packagist_test_cases.txt:${index + 1}`, () => {
        const expected = ORDER[op];
        if (expected === undefined) return `unknown operator ${op}`;
        const pa = composerScheme.parse(a);
        const pb = composerScheme.parse(b);
        const forward = Math.sign(composerScheme.compare(pa, pb));
        const backward = Math.sign(composerScheme.compare(pb, pa));
        if (forward !== expected) return `${a} vs ${b} gave ${forward}`;
        return backward + forward === 0 ? true : `${b} vs ${a} gave ${backward}`;
      }),
    );
  }
  return results;
}

export default [{ name: "packagist", run: packagistRows }] satisfies ConformanceSuite[];
