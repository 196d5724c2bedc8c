import { loadSuites, runSuite } from "./conformance/suite.js";

/**
 * `npm run conformance [-- --json] [-- --verbose] [-- --skips]`: run every peer conformance suite.
 * With --json, print one object mapping suite name to { passed, total, skipped }; with --skips, list
 * every skipped vector and its reason. Exit 1 when any suite has a failing vector (skips are allowed
 * only for the reasons docs/conformance.md gives).
 */
const json = process.argv.includes("--json");
const verbose = process.argv.includes("--verbose");
const listSkips = process.argv.includes("--skips");
const summary: Record<string, { passed: number; total: number; skipped: number }> = {};
let failed = false;
for (const suite of await loadSuites()) {
  const result = await runSuite(suite);
  summary[suite.name] = { passed: result.passed, total: result.total, skipped: result.skipped };
  // A suite that passes nothing (every vector skipped, or none loaded) proves nothing: fail.
  if (result.failures.length > 0 || result.passed === 0) failed = true;
  if (!json) {
    const percent = result.total === 0 ? 0 : (100 * result.passed) / (result.total - result.skipped || 1);
    process.stdout.write(
      `${suite.name.padEnd(28)} ${String(result.passed).padStart(6)} / ${String(result.total).padStart(6)} passed, ${result.skipped} skipped (${percent.toFixed(1)} %)\n`,
    );
    const shown = verbose ? result.failures : result.failures.slice(0, 5);
    for (const failure of shown) process.stdout.write(`    FAIL ${failure.id}: ${failure.message ?? ""}\n`);
    if (listSkips) for (const skip of result.skips) process.stdout.write(`    SKIP ${skip.id}: ${skip.skipped}\n`);
  }
}
if (json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
process.exitCode = failed ? 1 : 0;
