import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type ConformanceSuite, FIXTURES } from "../suite.js";
import { checkCase, checkFromNative, readCases, referenceFor, runCase } from "./vers-spec.suite.js";

/**
 * univers range vectors (aboutcode-org/univers tests/data/schema/range/** and npm_advisory.json).
 * They share vers-spec's test-case schema, so the same checks apply; expected outputs that are
 * univers artefacts rather than valid vers are skipped with a computed reason by checkFromNative.
 */

const RANGE_DIRECTORY = join(FIXTURES, "univers-ranges", "tests", "data", "schema", "range");

const RANGE_FILES = [
  "conan_range_from_native.json",
  "conan_range_from_native_basic.json",
  "gem_range_from_native.json",
  "nginx_range_from_native.json",
  "npm_range_containment.json",
  "npm_range_from_native.json",
  "nuget_range_from_native.json",
  "openssl_range_from_native.json",
  "pypi_range_containment.json",
  "pypi_range_from_native.json",
  "pypi_range_roundtrip.json",
  "gitlab/composer_gitlab_range_from_native.json",
  "gitlab/conan_gitlab_range_from_native.json",
  "gitlab/gem_gitlab_range_from_native.json",
  "gitlab/golang_gitlab_range_from_native.json",
  "gitlab/npm_gitlab_range_from_native.json",
  "gitlab/pypi_gitlab_range_from_native.json",
];

/** One entry of npm_advisory.json: npm native range and the vers univers derives from it. */
interface NpmAdvisoryCase {
  readonly test_index: number;
  readonly npm_native: string;
  readonly expected_vers: string;
}

const rangeSuites: ConformanceSuite[] = RANGE_FILES.map((file) => ({
  name: `univers-ranges-${file.replace("gitlab/", "gitlab-").replace(/\.json$/, "")}`,
  run: () =>
    readCases(join(RANGE_DIRECTORY, file)).map((testCase, index) =>
      runCase(`${file}#${index}`, () => checkCase(testCase)),
    ),
}));

const npmAdvisorySuite: ConformanceSuite = {
  name: "univers-ranges-npm_advisory",
  run: () => {
    const path = join(FIXTURES, "univers-ranges", "tests", "data", "npm_advisory.json");
    const cases = JSON.parse(readFileSync(path, "utf8")) as NpmAdvisoryCase[];
    return cases.map((entry) =>
      runCase(`npm_advisory.json#${entry.test_index}`, () =>
        checkFromNative("npm", entry.npm_native, entry.expected_vers, referenceFor("npm", entry.npm_native)),
      ),
    );
  },
};

export default [...rangeSuites, npmAdvisorySuite] satisfies ConformanceSuite[];
