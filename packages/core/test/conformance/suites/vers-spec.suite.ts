import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { satisfies } from "semver";
import { isAppError } from "../../../src/errors/app-error.js";
import {
  compileVers,
  EmptyNativeRangeError,
  formatVers,
  normalizeVers,
  parseVers,
  UnsupportedNativeRangeError,
  UnsupportedVersionSchemeError,
  versFromNative,
  versSchemeFor,
} from "../../../src/vers/index.js";
import { InvalidVersionError } from "../../../src/versions/version-scheme.js";
import { type ConformanceSuite, FIXTURES, type VectorResult } from "../suite.js";

/**
 * vers-spec's own test files (package-url/vers-spec tests/*.json), one suite per file. The checks
 * are exported for the univers range suites, which use the same test-case schema.
 */

/** One test case of the vers test schema (docs/tests/test-suite.md). */
export interface VersTestCase {
  readonly description?: string;
  readonly test_group?: string;
  readonly test_type: string;
  readonly input: unknown;
  readonly expected_output?: unknown;
  readonly expected_failure?: boolean;
}

/** A check's verdict: true, a failure message, or a skip with its reason. */
type Verdict = true | string | { readonly skip: string };

/** Run a check, turning "no scheme yet" into a computed skip so the vector passes once the scheme lands. */
export function runCase(id: string, check: () => Verdict): VectorResult {
  try {
    const verdict = check();
    if (verdict === true) return { id, ok: true };
    if (typeof verdict === "string") return { id, ok: false, message: verdict };
    return { id, ok: true, skipped: verdict.skip };
  } catch (error) {
    if (error instanceof UnsupportedVersionSchemeError) {
      return { id, ok: true, skipped: `scheme ${error.versType} not available` };
    }
    return { id, ok: false, message: `threw ${(error as Error).name}: ${(error as Error).message}` };
  }
}

const show = (value: unknown): string => JSON.stringify(value);

/** `parse`: canonical input decodes to type and constraints; invalid or non-canonical input throws a typed error. */
function checkParse(testCase: VersTestCase): Verdict {
  const input = String(testCase.input);
  if (testCase.expected_failure) {
    try {
      const parsed = parseVers(input);
      return `accepted ${input} as ${show(parsed)}`;
    } catch (error) {
      if (error instanceof UnsupportedVersionSchemeError) throw error;
      return isAppError(error) ? true : `threw an untyped ${(error as Error).name}`;
    }
  }
  const vers = parseVers(input);
  const actual = {
    scheme: vers.type,
    version_constraints: vers.anyVersion ? [["*", ""]] : vers.constraints.map((c) => [c.comparator, c.version]),
  };
  return show(actual) === show(testCase.expected_output) ? true : `got ${show(actual)}`;
}

/** `validate` / `roundtrip`: the canonical string of a (possibly unsorted) vers. */
function checkNormalize(testCase: VersTestCase): Verdict {
  const input = typeof testCase.input === "string" ? testCase.input : String((testCase.input as { vers: string }).vers);
  const actual = normalizeVers(input);
  return actual === testCase.expected_output ? true : `got ${actual}`;
}

/** `containment`: is the version inside the range. */
function checkContainment(testCase: VersTestCase): Verdict {
  const { vers, version } = testCase.input as { vers: string; version: string };
  const actual = compileVers(vers).contains(version);
  return actual === testCase.expected_output ? true : `got ${actual}`;
}

/** `comparison` sorts with the type's scheme; `equality` compares two versions. */
function checkComparison(testCase: VersTestCase): Verdict {
  const { input_scheme: versType, versions } = testCase.input as { input_scheme: string; versions: string[] };
  const scheme = versSchemeFor(versType);
  if (testCase.test_type === "equality") {
    const [left = "", right = ""] = versions;
    const actual = scheme.compare(scheme.parse(left), scheme.parse(right)) === 0;
    return actual === testCase.expected_output ? true : `compare said equal=${actual}`;
  }
  const parsed = versions.map((version) => ({ version, parsed: scheme.parse(version) }));
  const sorted = parsed.sort((a, b) => scheme.compare(a.parsed, b.parsed));
  // Upstream writes expected versions in its own normal spelling (NuGet lower-cases pre-release
  // labels), so position i must hold a version equal to expected[i] under the scheme, not the same text.
  const expected = (testCase.expected_output as string[]).map((version) => scheme.parse(version));
  const matches =
    expected.length === sorted.length &&
    sorted.every((entry, index) => {
      const wanted = expected[index];
      return wanted !== undefined && scheme.compare(entry.parsed, wanted) === 0;
    });
  return matches ? true : `sorted as ${show(sorted.map((entry) => entry.version))}`;
}

/** Versions named in a vers, for probing two ranges against each other. */
function versionsOf(vers: string): string[] {
  const matcher = compileVers(vers);
  return matcher.vers.constraints.map((constraint) => constraint.version);
}

/**
 * Probe versions: every boundary of either range plus its neighbours made by moving the last
 * number up or down, so `<=1.0.0` and `<1.1.0` are told apart by 1.0.1. Neighbours that the
 * scheme rejects are dropped.
 */
function probesFor(actual: string, expected: string): string[] {
  const boundaries = [...versionsOf(actual), ...versionsOf(expected)];
  const neighbours = boundaries.flatMap((version) => {
    const match = /^(.*?)(\d+)(\D*)$/.exec(version);
    if (!match) return [];
    const [, head = "", digits = "0", tail = ""] = match;
    const number = Number(digits);
    return [`${head}${number + 1}${tail}`, ...(number > 0 ? [`${head}${number - 1}${tail}`] : []), `${version}.1`];
  });
  const matcher = compileVers(actual);
  return [...boundaries, ...neighbours].filter((version) => {
    try {
      matcher.contains(version);
      return true;
    } catch {
      return false;
    }
  });
}

/** Whether two ranges agree on every probe version (boundaries and their neighbours). */
function agreeAtProbes(actual: string, expected: string): boolean {
  const left = compileVers(actual);
  const right = compileVers(expected);
  return probesFor(actual, expected).every((version) => left.contains(version) === right.contains(version));
}

/**
 * Where the ecosystem's own implementation is available (node-semver for npm), it decides: when it
 * agrees with fleetpatch at every probe version and not with upstream, upstream misread the native range.
 */
function referenceDisagreement(
  actual: string,
  expected: string,
  reference: (version: string) => boolean,
): string | undefined {
  const ours = compileVers(actual);
  const theirs = compileVers(expected);
  const probes = probesFor(actual, expected);
  const oursAgree = probes.every((version) => ours.contains(version) === reference(version));
  const wrong = probes.find((version) => theirs.contains(version) !== reference(version));
  return oursAgree && wrong !== undefined
    ? `upstream disagrees with the ecosystem's reference implementation at ${wrong} (upstream ${expected}, fleetpatch ${actual})`
    : undefined;
}

/** The reference reading of a native range where one is installed (node-semver for npm). */
export function referenceFor(versType: string, native: string): ((version: string) => boolean) | undefined {
  if (versType !== "npm") return undefined;
  return (version) => satisfies(version, native, { includePrerelease: true });
}

/**
 * univers runs some native versions through python-semantic_version's `Version.coerce`, which
 * rewrites versions that are not SemVer (`2020-09-14` → `2020.0.0-09-14`, `2.1.27.10` →
 * `2.1.27+10`). This re-creates that rewrite so such vectors are recognised, not matched.
 */
function coerceLikeUnivers(version: string): string {
  const base = /^\d+(?:\.\d+(?:\.\d+)?)?/.exec(version)?.[0];
  if (base === undefined) return version;
  const release = [...base.split("."), "0", "0"]
    .slice(0, 3)
    .map((part) => part.replace(/^0+(?=\d)/, ""))
    .join(".");
  let rest = version.slice(base.length).replace(/[^a-zA-Z0-9+.-]/g, "-");
  if (rest === "") return release;
  let prerelease = "";
  let build = "";
  if (rest.startsWith("+") || rest.startsWith(".")) build = rest.slice(1);
  else {
    if (rest.startsWith("-")) rest = rest.slice(1);
    const plus = rest.indexOf("+");
    [prerelease, build] = plus < 0 ? [rest, ""] : [rest.slice(0, plus), rest.slice(plus + 1)];
  }
  build = build.replaceAll("+", ".");
  return `${release}${prerelease ? `-${prerelease}` : ""}${build ? `+${build}` : ""}`;
}

/** When upstream's output is ours with versions run through univers's SemVer coercion, say which. */
function universCoercion(actual: string, expected: string): string | undefined {
  const ours = compileVers(actual).vers.constraints;
  const theirs = compileVers(expected).vers.constraints;
  if (ours.length !== theirs.length) return undefined;
  const rewritten: string[] = [];
  for (const [index, constraint] of ours.entries()) {
    const other = theirs[index];
    if (other === undefined || other.comparator !== constraint.comparator) return undefined;
    if (other.version === constraint.version) continue;
    if (coerceLikeUnivers(constraint.version) !== other.version) return undefined;
    rewritten.push(`"${constraint.version}" → "${other.version}"`);
  }
  return rewritten.length > 0
    ? `upstream coerces non-SemVer versions (${rewritten.join(", ")}); fleetpatch keeps the native version`
    : undefined;
}

/**
 * `from_native`. Exact match passes. Where upstream's expected string is itself not a valid vers
 * (it concatenates overlapping alternatives, repeats a version, …) or only spells the same range
 * differently, the vector is skipped with that reason, computed here, never listed by hand.
 */
export function checkFromNative(
  versType: string,
  native: string,
  expected: string,
  reference?: (version: string) => boolean,
): Verdict {
  let actual: string | undefined;
  let failure: unknown;
  try {
    actual = formatVers(versFromNative(versType, native));
  } catch (error) {
    if (error instanceof UnsupportedNativeRangeError) return { skip: `no ${versType} native-range converter` };
    failure = error;
  }
  if (actual === expected) return true;
  // Whatever upstream says, our own output must be a valid vers and, where the ecosystem's reference
  // implementation is at hand, mean what it means; only then may upstream's expectation be set aside.
  if (actual !== undefined) {
    parseVers(actual);
    const wrong =
      reference &&
      probesFor(actual, expected).find((version) => compileVers(actual).contains(version) !== reference(version));
    if (wrong !== undefined) return `fleetpatch ${actual} disagrees with the reference implementation at ${wrong}`;
  }
  try {
    parseVers(expected);
  } catch (error) {
    if (error instanceof UnsupportedVersionSchemeError) throw error;
    return {
      skip: `upstream output is not a valid vers (${(error as Error).message}); fleetpatch: ${actual ?? failure}`,
    };
  }
  if (failure instanceof EmptyNativeRangeError) {
    return { skip: `range matches no version under ${versType} rules (upstream reads it as ${expected})` };
  }
  if (failure instanceof InvalidVersionError) {
    return {
      skip: `not a ${failure.scheme} version: "${failure.version}" (upstream coerces it; expected ${expected})`,
    };
  }
  if (actual === undefined) throw failure;
  const disagreement = reference && referenceDisagreement(actual, expected, reference);
  if (disagreement) return { skip: disagreement };
  if (agreeAtProbes(actual, expected)) {
    return { skip: `same range spelled differently: upstream ${expected}, fleetpatch ${actual}` };
  }
  const coercion = universCoercion(actual, expected);
  if (coercion) return { skip: coercion };
  return `expected ${expected}, got ${actual}`;
}

/** Dispatch one vers test case by its test_type. */
export function checkCase(testCase: VersTestCase): Verdict {
  switch (testCase.test_type) {
    case "parse":
      return checkParse(testCase);
    case "validate":
    case "roundtrip":
      return checkNormalize(testCase);
    case "containment":
      return checkContainment(testCase);
    case "comparison":
    case "equality":
      return checkComparison(testCase);
    case "from_native": {
      const { scheme, native_range } = testCase.input as { scheme: string; native_range: string };
      return checkFromNative(
        scheme,
        native_range,
        String(testCase.expected_output),
        referenceFor(scheme, native_range),
      );
    }
    default:
      return { skip: `test type ${testCase.test_type} is not implemented` };
  }
}

/** Read a vers test file: either `{tests: [...]}` (vers-spec) or a bare array (univers). */
export function readCases(path: string): VersTestCase[] {
  const data = JSON.parse(readFileSync(path, "utf8")) as { tests?: VersTestCase[] } | VersTestCase[];
  return Array.isArray(data) ? data : (data.tests ?? []);
}

const DIRECTORY = join(FIXTURES, "vers-spec", "tests");

const suites: ConformanceSuite[] = readdirSync(DIRECTORY)
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => ({
    name: `vers-spec-${file.replace(/(_test|-test)?\.json$/, "")}`,
    run: () =>
      readCases(join(DIRECTORY, file)).map((testCase, index) => runCase(`${file}#${index}`, () => checkCase(testCase))),
  }));

export default suites satisfies ConformanceSuite[];
