import { readdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";

/** The outcome of one conformance vector. */
export interface VectorResult {
  /** Where the vector comes from: file and line or index, e.g. `rpmvercmp.tsv:42`. */
  readonly id: string;
  readonly ok: boolean;
  /** Set when the vector is not run; the reason must also be listed in docs/conformance.md. */
  readonly skipped?: string;
  /** What went wrong, for failures. */
  readonly message?: string;
}

/** A named suite of peer vectors (e.g. `dpkg`, `purl-spec`, `cvss-v3.1`). */
export interface ConformanceSuite {
  readonly name: string;
  run(): VectorResult[] | Promise<VectorResult[]>;
}

/** Counts of a suite's run, as `npm run conformance -- --json` prints them. */
export interface SuiteSummary {
  readonly passed: number;
  readonly total: number;
  readonly skipped: number;
  readonly failures: readonly VectorResult[];
  readonly skips: readonly VectorResult[];
}

/** Root of the copied vector files. */
export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

/** Load every suite from test/conformance/suites/*.suite.ts (each default-exports an array). */
export async function loadSuites(): Promise<ConformanceSuite[]> {
  const dir = new URL("./suites/", import.meta.url);
  const files = (await readdir(dir)).filter((file) => file.endsWith(".suite.ts")).sort();
  const suites: ConformanceSuite[] = [];
  for (const file of files) {
    const module = (await import(new URL(file, dir).href)) as { default: ConformanceSuite[] };
    suites.push(...module.default);
  }
  return suites;
}

/** Run one suite and count its results. */
export async function runSuite(suite: ConformanceSuite): Promise<SuiteSummary> {
  const results = await suite.run();
  const skips = results.filter((result) => result.skipped !== undefined);
  const failures = results.filter((result) => result.skipped === undefined && !result.ok);
  return {
    passed: results.length - skips.length - failures.length,
    total: results.length,
    skipped: skips.length,
    failures,
    skips,
  };
}

/** Run `check` on one vector, turning a thrown error into a failure with its message. */
export function vector(id: string, check: () => true | string): VectorResult {
  try {
    const outcome = check();
    return outcome === true ? { id, ok: true } : { id, ok: false, message: outcome };
  } catch (error) {
    return { id, ok: false, message: `threw ${(error as Error).name}: ${(error as Error).message}` };
  }
}
