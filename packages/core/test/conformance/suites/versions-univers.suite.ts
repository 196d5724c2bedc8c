import { readFileSync } from "node:fs";
import { join } from "node:path";
import { apkScheme } from "../../../src/versions/apk-scheme.js";
import { debScheme } from "../../../src/versions/deb-scheme.js";
import { gentooScheme } from "../../../src/versions/gentoo-scheme.js";
import { mavenScheme } from "../../../src/versions/maven-scheme.js";
import { nugetScheme } from "../../../src/versions/nuget-scheme.js";
import { opensslScheme } from "../../../src/versions/openssl-scheme.js";
import type { VersionScheme } from "../../../src/versions/version-scheme.js";
import { type ConformanceSuite, FIXTURES, type VectorResult, vector } from "../suite.js";
import { apkRows, rpmRows } from "./versions-native.suite.js";

const DATA = "univers-versions/tests/data";

interface SchemaTest {
  readonly description: string;
  readonly test_type: "comparison" | "equality";
  readonly input: { readonly input_scheme: string; readonly versions: readonly string[] };
  readonly expected_output: readonly string[] | boolean;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, DATA, path), "utf8")) as T;
}

/** Sort `versions` with `scheme` and check each position is equivalent to `expected` (labels may differ in case). */
function checkSorted<P>(
  scheme: VersionScheme<P>,
  versions: readonly string[],
  expected: readonly string[],
): true | string {
  const sorted = versions
    .map((text) => ({ text, parsed: scheme.parse(text) }))
    .sort((a, b) => scheme.compare(a.parsed, b.parsed));
  if (sorted.length !== expected.length) return `sorted ${sorted.length} versions, expected ${expected.length}`;
  for (const [index, item] of sorted.entries()) {
    const want = expected[index] as string;
    if (scheme.compare(item.parsed, scheme.parse(want)) !== 0) {
      return `sorted as [${sorted.map((entry) => entry.text).join(", ")}], expected [${expected.join(", ")}]`;
    }
  }
  return true;
}

/** Run univers' tests/data/schema/<file> comparison and equality tests against `scheme`. */
function schemaRows<P>(scheme: VersionScheme<P>, file: string): VectorResult[] {
  return readJson<SchemaTest[]>(`schema/${file}`).map((test, index) =>
    vector(`${file}:${index}`, () => {
      const versions = test.input.versions;
      if (test.test_type === "comparison") return checkSorted(scheme, versions, test.expected_output as string[]);
      const [a = "", b = ""] = versions;
      const equal = scheme.compare(scheme.parse(a), scheme.parse(b)) === 0;
      return equal === test.expected_output ? true : `${a} == ${b} is ${equal}`;
    }),
  );
}

/** univers' OpenSSL sort test: every OpenSSL release, shuffled, must sort into the expected order. */
function opensslSortRows(): VectorResult[] {
  const all = readFileSync(join(FIXTURES, DATA, "openssl/openssl_all_versions.txt"), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const expected = readJson<{ string: string }[]>("openssl/openssl_versort_expected.json").map((entry) => entry.string);
  return [vector("openssl_versort_expected.json", () => checkSorted(opensslScheme, all, expected))];
}

function suite(scheme: string, run: () => VectorResult[]): ConformanceSuite {
  return { name: `univers-versions-${scheme}`, run };
}

export default [
  suite("apk", () => [
    ...schemaRows(apkScheme, "alpine_version_cmp.json"),
    ...apkRows(`${DATA}/alpine_test.txt`, "alpine_test.txt"),
  ]),
  suite("deb", () => schemaRows(debScheme, "deb_version_python_pkg_test.json")),
  suite("gentoo", () => schemaRows(gentooScheme, "gentoo_version_cmp.json")),
  suite("maven", () => schemaRows(mavenScheme, "maven_version_cmp.json")),
  suite("nuget", () => schemaRows(nugetScheme, "nuget_version_cmp.json")),
  suite("openssl", () => [...schemaRows(opensslScheme, "openssl_version_cmp.json"), ...opensslSortRows()]),
  suite("rpm", () => rpmRows(`${DATA}/rpmvercmp.tsv`, "rpmvercmp.tsv")),
] satisfies ConformanceSuite[];
