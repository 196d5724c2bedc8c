import { readFileSync } from "node:fs";
import { join } from "node:path";
import { npmScheme, type SemverVersion, semverScheme } from "../../../src/versions/semver-scheme.js";
import { InvalidVersionError } from "../../../src/versions/version-scheme.js";
import { type ConformanceSuite, FIXTURES, type VectorResult, vector } from "../suite.js";

type Options = boolean | { loose?: boolean } | undefined;

interface Fixture<Row> {
  readonly vectors: readonly Row[];
}

function load<Row>(name: string): readonly Row[] {
  const path = join(FIXTURES, "node-semver/test/fixtures", `${name}.json`);
  return (JSON.parse(readFileSync(path, "utf8")) as Fixture<Row>).vectors;
}

function isLoose(options: Options): boolean {
  return options === true || (typeof options === "object" && options.loose === true);
}

/**
 * Strict vectors run on the strict `semver` scheme; loose-mode vectors run on the `npm` scheme, which
 * reads versions as npm does (node-semver's loose `[v=\s]*` prefix). */
function schemeFor(options: Options) {
  return isLoose(options) ? npmScheme : semverScheme;
}

function comparisons(): VectorResult[] {
  return load<[string, string, Options?]>("comparisons").map(([greater, lesser, options], index) => {
    const id = `comparisons.json:${index}`;
    const scheme = schemeFor(options);
    return vector(id, () => {
      const a = scheme.parse(greater);
      const b = scheme.parse(lesser);
      if (!(scheme.compare(a, b) > 0)) return `${greater} is not greater than ${lesser}`;
      if (!(scheme.compare(b, a) < 0)) return `${lesser} is not less than ${greater}`;
      return scheme.compare(a, a) === 0 ? true : `${greater} is not equal to itself`;
    });
  });
}

function equality(): VectorResult[] {
  return load<[string, string, Options?]>("equality").map(([left, right, options], index) => {
    const id = `equality.json:${index}`;
    const scheme = schemeFor(options);
    return vector(id, () => {
      const order = scheme.compare(scheme.parse(left), scheme.parse(right));
      return order === 0 ? true : `${left} vs ${right} gave ${order}`;
    });
  });
}

/** Upstream writes non-string inputs as JSON; rebuild them so parse sees what upstream passes. */
function revive(value: unknown): unknown {
  if (typeof value === "object" && value !== null && "regexp" in value) {
    const source = String((value as { regexp: string }).regexp).replace(/^\/|\/$/g, "");
    return new RegExp(source);
  }
  return value;
}

function invalidVersions(): VectorResult[] {
  return load<[unknown, string, Options?]>("invalid-versions").map(([raw, reason], index) =>
    vector(`invalid-versions.json:${index}`, () => {
      try {
        semverScheme.parse(revive(raw) as string);
      } catch (error) {
        return error instanceof InvalidVersionError ? true : `threw ${(error as Error).name}`;
      }
      return `accepted an invalid version (${reason})`;
    }),
  );
}

function sameList(actual: readonly unknown[], expected: readonly unknown[]): boolean {
  return actual.length === expected.length && actual.every((item, index) => item === expected[index]);
}

function validVersions(): VectorResult[] {
  type Row = [string, number, number, number, (number | string)[], string[]];
  return load<Row>("valid-versions").map(([version, major, minor, patch, prerelease, build], index) =>
    vector(`valid-versions.json:${index}`, () => {
      const parsed: SemverVersion = semverScheme.parse(version);
      const fields = [parsed.major === major, parsed.minor === minor, parsed.patch === patch];
      if (!fields.every(Boolean)) return `main version ${parsed.major}.${parsed.minor}.${parsed.patch}`;
      if (!sameList(parsed.prerelease, prerelease)) return `prerelease ${JSON.stringify(parsed.prerelease)}`;
      return sameList(parsed.build, build) ? true : `build ${JSON.stringify(parsed.build)}`;
    }),
  );
}

/** node-semver: version comparison, equality and (in)validity fixtures; range fixtures belong to vers. */
const nodeSemverSuite: ConformanceSuite = {
  name: "node-semver",
  run: () => [...comparisons(), ...equality(), ...invalidVersions(), ...validVersions()],
};

export default [nodeSemverSuite] satisfies ConformanceSuite[];
