/**
 * `node --import tsx bench/versions.ts`: comparisons per second for every version scheme, once on
 * pre-parsed versions (how matching runs: parse at ingest, compare many times) and once from
 * strings (parse both sides, then compare). Prints medians of several runs and the machine.
 */
import { execFileSync } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { SemVer, compare as semverPackageCompare } from "semver";
import { getVersionScheme } from "../packages/core/src/versions/registry.js";
import type { VersionScheme } from "../packages/core/src/versions/version-scheme.js";

/** Realistic versions per scheme, including the slow paths (pre-releases, tildes, suffixes). */
const SAMPLES: Readonly<Record<string, readonly string[]>> = {
  semver: [
    "1.2.3",
    "1.2.4",
    "1.10.0",
    "2.0.0-rc.1",
    "2.0.0-rc.2",
    "2.0.0",
    "0.0.0-20200220183623-bac4c82f6975",
    "v3.1.4",
  ],
  deb: [
    "1:1.30.1-4ubuntu6.4",
    "1.1.1f-1ubuntu2.13",
    "2.2~rc-4",
    "2.2-1",
    "1.0.8+nmu1",
    "0.9.9~pre122-1",
    "2:2.3.2-2+lenny2",
    "4.14.167-1",
  ],
  rpm: ["1.0~rc1", "1.0", "1.0^git1", "0:1.1.1k-9.el8_7", "1.1.1k-12.el8_9", "2.28-225.el8", "5.5p10", "1:3.8.1-1"],
  apk: ["1.36.1-r29", "3.3.2-r1", "1.2.13-r1", "1.0_p10-r0", "6.1_pre1", "0.1.0_alpha", "2.2.39-r1", "1.0~1234-r1"],
  pypi: ["1.0", "1.0.post1", "1.0rc1", "2.31.0", "1!2.0", "1.0.dev456", "3.2.1+local.7", "0.9"],
  maven: ["1.0", "1.0-SNAPSHOT", "1.0-alpha-1", "2.12.7.1", "1.0-rc1", "1.0.0.Final", "3.2.1-sp1", "5.3.27"],
  nuget: ["1.0.0", "1.0.0.1", "2.0.0-beta.1", "6.0.0-preview.7.21377.19", "13.0.1", "4.7.2", "1.0.0-BETA", "0.9.9"],
  gentoo: ["1.2.3", "1.2.3-r1", "1.0_rc1", "1.0_p2", "2.4b", "12.2.5", "1.01", "3.0_beta3-r2"],
  openssl: ["1.0.2k", "0.9.8zh", "1.1.1w", "3.0.13", "1.0.2zc-dev", "0.9.7-beta3", "3.0.0", "1.1.0l"],
  generic: ["V2.1.0 build 180412", "4.14.167", "1.0.2k", "2.0-rc1", "V1.0.11.116_10.2.100", "2.0", "3.4.5", "10.0"],
};

const RUNS = 7;
const PREPARSED_ITERATIONS = 4_000_000;
const STRING_ITERATIONS = 400_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Operations per second of `body(iterations)`, median over RUNS after one warm-up run. */
function measure(iterations: number, body: (iterations: number) => number): number {
  body(Math.min(iterations, 200_000));
  const rates: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    const sink = body(iterations);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (sink === Number.MIN_SAFE_INTEGER) console.log("unreachable");
    rates.push(iterations / seconds);
  }
  return median(rates);
}

/**
 * For reference only, the `semver` package on its own SemVer objects: the reason semverScheme has
 * its own parsed form.
 */
const SEMVER_PACKAGE: VersionScheme<SemVer> = {
  name: "semver-package",
  parse: (text) => new SemVer(text.startsWith("v") ? text.slice(1) : text),
  compare: semverPackageCompare,
};

function schemeNamed(name: string): VersionScheme | undefined {
  return name === SEMVER_PACKAGE.name ? (SEMVER_PACKAGE as VersionScheme) : getVersionScheme(name);
}

/**
 * Pairs to compare: every ordered pair of samples (equal ones included), in a fixed shuffled order,
 * so each scheme's slow paths (pre-releases, tildes, equal prefixes) are measured, not just the
 * early exits a fixed stride would hit.
 */
function pairOrder(count: number): [Int32Array, Int32Array] {
  const pairs: [number, number][] = [];
  for (let a = 0; a < count; a++) for (let b = 0; b < count; b++) pairs.push([a, b]);
  let seed = 12345;
  for (let index = pairs.length - 1; index > 0; index--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const other = seed % (index + 1);
    [pairs[index], pairs[other]] = [pairs[other] as [number, number], pairs[index] as [number, number]];
  }
  return [Int32Array.from(pairs, ([a]) => a), Int32Array.from(pairs, ([, b]) => b)];
}

function benchScheme<P>(scheme: VersionScheme<P>, samples: readonly string[]): [number, number] {
  const parsed = samples.map((sample) => scheme.parse(sample));
  const [left, right] = pairOrder(samples.length);
  const mask = left.length - 1;
  if ((left.length & mask) !== 0) throw new Error("sample count must be a power of two");
  const preParsed = measure(PREPARSED_ITERATIONS, (iterations) => {
    let sum = 0;
    for (let index = 0; index < iterations; index++) {
      const pair = index & mask;
      sum += scheme.compare(parsed[left[pair] as number] as P, parsed[right[pair] as number] as P);
    }
    return sum;
  });
  const fromStrings = measure(STRING_ITERATIONS, (iterations) => {
    let sum = 0;
    for (let index = 0; index < iterations; index++) {
      const pair = index & mask;
      const a = samples[left[pair] as number] as string;
      const b = samples[right[pair] as number] as string;
      sum += scheme.compare(scheme.parse(a), scheme.parse(b));
    }
    return sum;
  });
  return [preParsed, fromStrings];
}

function format(rate: number): string {
  return rate >= 1e6 ? `${(rate / 1e6).toFixed(1)} M/s` : `${(rate / 1e3).toFixed(0)} k/s`;
}

/**
 * Each scheme runs in its own process: in one process the shared benchmark loop would see every
 * scheme's compare and turn megamorphic, measuring V8's inline caches instead of the schemes.
 */
const only = process.argv[2];
if (only) {
  const scheme = schemeNamed(only);
  const samples = SAMPLES[only === SEMVER_PACKAGE.name ? "semver" : only];
  if (!scheme || !samples) throw new Error(`no scheme ${only}`);
  const [preParsed, fromStrings] = benchScheme(scheme, samples);
  console.log(`${only.padEnd(16)}${format(preParsed).padStart(14)}${format(fromStrings).padStart(16)}`);
} else {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  console.log(`machine: ${cpu}, ${os.cpus().length} cores, node ${process.version} (${os.platform()} ${os.arch()})`);
  console.log(`medians of ${RUNS} runs, one core, one process per scheme\n`);
  console.log(`${"scheme".padEnd(16)}${"pre-parsed".padStart(14)}${"from strings".padStart(16)}`);
  const self = fileURLToPath(import.meta.url);
  for (const name of [...Object.keys(SAMPLES), "semver-package"]) {
    const output = execFileSync(process.execPath, [...process.execArgv, self, name], { encoding: "utf8" });
    process.stdout.write(output);
  }
}
