import { readFileSync } from "node:fs";
import { join } from "node:path";
import { apkFuzzyMatches, apkScheme, apkVersionTextMatches } from "../../../src/versions/apk-scheme.js";
import { debScheme } from "../../../src/versions/deb-scheme.js";
import { rpmScheme } from "../../../src/versions/rpm-scheme.js";
import { InvalidVersionError, type VersionScheme } from "../../../src/versions/version-scheme.js";
import { type ConformanceSuite, FIXTURES, type VectorResult, vector } from "../suite.js";

/** Lines of a fixture file with their 1-based line numbers. */
function lines(path: string): [number, string][] {
  return readFileSync(join(FIXTURES, path), "utf8")
    .split("\n")
    .map((line, index) => [index + 1, line] as [number, string]);
}

function sign(value: number): number {
  return value < 0 ? -1 : value > 0 ? 1 : 0;
}

/** Check that `scheme` orders `a` against `b` as `expected` (-1, 0, 1), and the reverse as its negation. */
function checkOrder<P>(scheme: VersionScheme<P>, a: string, b: string, expected: number): true | string {
  const pa = scheme.parse(a);
  const pb = scheme.parse(b);
  const forward = sign(scheme.compare(pa, pb));
  const backward = sign(scheme.compare(pb, pa));
  if (forward !== expected) return `compare(${a}, ${b}) = ${forward}, expected ${expected}`;
  if (backward !== -expected) return `compare(${b}, ${a}) = ${backward}, expected ${-expected}`;
  return true;
}

/** Check that `scheme` rejects `version` with InvalidVersionError. */
function checkInvalid<P>(scheme: VersionScheme<P>, version: string): true | string {
  try {
    scheme.parse(version);
  } catch (error) {
    return error instanceof InvalidVersionError
      ? true
      : `threw ${(error as Error).name} instead of InvalidVersionError`;
  }
  return `accepted invalid version "${version}"`;
}

/** dpkg: the `__DATA__` comparisons and the invalid versions of scripts/t/Dpkg_Version.t. */
const dpkgSuite: ConformanceSuite = {
  name: "dpkg",
  run(): VectorResult[] {
    const results: VectorResult[] = [];
    for (const [number, line] of lines("dpkg/Dpkg_Version.t.DATA.txt")) {
      if (line.trim() === "") continue;
      const [a = "", b = "", expected = ""] = line.trim().split(/\s+/);
      results.push(vector(`Dpkg_Version.t.DATA.txt:${number}`, () => checkOrder(debScheme, a, b, Number(expected))));
    }
    for (const [number, line] of lines("dpkg/Dpkg_Version.invalid.txt")) {
      if (line.startsWith("#") || line.trim() === "") continue;
      const [raw = ""] = line.split("\t");
      const version = raw === '""' ? "" : raw;
      results.push(vector(`Dpkg_Version.invalid.txt:${number}`, () => checkInvalid(debScheme, version)));
    }
    return results;
  },
};

/** Run rows `status a b expected` of an rpmvercmp transcription; `disabled` rows are upstream `dnl` lines. */
function rpmRows(path: string, id: string): VectorResult[] {
  const results: VectorResult[] = [];
  for (const [number, line] of lines(path)) {
    if (line.startsWith("#") || line.startsWith("status\t") || line.trim() === "") continue;
    const [status = "", a = "", b = "", expected = ""] = line.split("\t");
    const vectorId = `${id}:${number}`;
    if (status !== "active") {
      results.push({ id: vectorId, ok: true, skipped: "disabled upstream (dnl-commented in rpmvercmp.at)" });
      continue;
    }
    results.push(vector(vectorId, () => checkOrder(rpmScheme, a, b, Number(expected))));
  }
  return results;
}

/** rpm: the RPMVERCMP() rows of tests/rpmvercmp.at. */
const rpmSuite: ConformanceSuite = {
  name: "rpm",
  run: () => rpmRows("rpm/tests/rpmvercmp.tsv", "rpmvercmp.tsv"),
};

const APK_ORDER: Readonly<Record<string, number>> = { "<": -1, "=": 0, ">": 1 };

function isValidApk(version: string): boolean {
  try {
    apkScheme.parse(version);
    return true;
  } catch {
    return false;
  }
}

/**
 * One line of apk-tools' version.data: `a <op> b` (ops `<`, `=`, `>`, fuzzy `~`, `<~`, `>~`, and
 * `!` negating), `version` (must be valid) or `!version` (must be invalid); `#` starts a comment.
 * Comparisons of two valid versions run through apkScheme (and are also checked reversed). A few
 * upstream lines compare versions apk's own validator rejects (`23_foo`, `1.0bc`, `3.6.9_post1`);
 * apkScheme.parse rejects those too, so they are checked with apkVersionTextMatches, which mirrors
 * how apk orders such strings (by their valid prefix).
 */
function apkLine(line: string): true | string {
  const text = line.split("#")[0]?.trim() ?? "";
  const fields = text.split(/\s+/);
  if (fields.length === 1) {
    const [word = ""] = fields;
    if (word.startsWith("!")) return checkInvalid(apkScheme, word.slice(1));
    apkScheme.parse(word);
    return true;
  }
  const [a = "", operator = "", b = ""] = fields;
  if (!isValidApk(a) || !isValidApk(b)) {
    return apkVersionTextMatches(a, operator, b) ? true : `"${text}" does not hold (raw apk order)`;
  }
  const pa = apkScheme.parse(a);
  const pb = apkScheme.parse(b);
  const negated = operator.startsWith("!");
  const op = negated ? operator.slice(1) : operator;
  let holds: boolean;
  if (op.includes("~")) {
    const order = apkScheme.compare(pa, pb);
    holds = (op === "<~" && order < 0) || (op === ">~" && order > 0) || apkFuzzyMatches(pa, pb);
  } else {
    const expected = APK_ORDER[op];
    if (expected === undefined) return `unknown operator ${operator}`;
    holds = sign(apkScheme.compare(pa, pb)) === expected;
    const reverse = sign(apkScheme.compare(pb, pa));
    if (holds && reverse !== -expected) return `reverse comparison ${b} vs ${a} gave ${reverse}`;
  }
  if (holds === negated) return `"${text}" does not hold`;
  return apkVersionTextMatches(a, operator, b) ? true : `"${text}" holds for apkScheme but not for the raw apk order`;
}

/** Run apk-tools' test/unit/version.data-style file. */
function apkRows(path: string, id: string): VectorResult[] {
  const results: VectorResult[] = [];
  for (const [number, line] of lines(path)) {
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    results.push(vector(`${id}:${number}`, () => apkLine(line)));
  }
  return results;
}

/** apk: apk-tools' test/unit/version.data. */
const apkSuite: ConformanceSuite = {
  name: "apk",
  run: () => apkRows("apk-tools/test/unit/version.data", "version.data"),
};

export default [dpkgSuite, rpmSuite, apkSuite] satisfies ConformanceSuite[];

export { apkRows, checkInvalid, checkOrder, lines, rpmRows, sign };
