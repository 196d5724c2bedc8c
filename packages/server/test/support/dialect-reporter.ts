import type { Reporter, TestModule } from "vitest/node";

/**
 * Prints how many store tests passed on each dialect and how many real-data tests passed, then the
 * run's totals as one plain line, so a CI log shows that the PostgreSQL and real-data tests ran
 * rather than skipped. Their suites carry `[sqlite]`, `[postgres]` or `[real-data]` in their names.
 */
export default class DialectReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const totals = { passed: 0, failed: 0, skipped: 0 };
    const counts = { sqlite: { passed: 0, failed: 0, skipped: 0 }, postgres: { passed: 0, failed: 0, skipped: 0 } };
    let realData = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const outcome = test.result().state;
        if (outcome === "passed") totals.passed++;
        else if (outcome === "failed") totals.failed++;
        else totals.skipped++;
        if (outcome === "passed" && test.fullName.includes("[real-data]")) realData++;
        const dialect = test.fullName.includes("[postgres]")
          ? "postgres"
          : test.fullName.includes("[sqlite]")
            ? "sqlite"
            : undefined;
        if (!dialect) continue;
        const state = test.result().state;
        if (state === "passed") counts[dialect].passed++;
        else if (state === "failed") counts[dialect].failed++;
        else counts[dialect].skipped++;
      }
    }
    const line = (name: "sqlite" | "postgres") =>
      `${name}: ${counts[name].passed} passed, ${counts[name].failed} failed, ${counts[name].skipped} skipped`;
    process.stdout.write(`\nstore tests by dialect — ${line("sqlite")}; ${line("postgres")}\n`);
    // CI reads this line: the tests on ../shared/testdata must have run there, not skipped.
    process.stdout.write(`real-data tests: ${realData} passed\n`);
    // The plain closing line CI reads to count tests.
    process.stdout.write(`vitest: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  }
}
