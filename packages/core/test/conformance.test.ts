import { describe, expect, it } from "vitest";
import { loadSuites, runSuite } from "./conformance/suite.js";

const suites = await loadSuites();

describe("peer conformance suites", () => {
  it("has suites to run", () => {
    expect(suites.length).toBeGreaterThan(0);
  });
  it.each(suites.map((suite) => [suite.name, suite] as const))(
    "%s passes every vector it runs",
    async (_name, suite) => {
      const result = await runSuite(suite);
      // A suite whose every vector is skipped proves nothing; it must pass at least one.
      expect(result.passed).toBeGreaterThan(0);
      expect(result.failures.slice(0, 10)).toEqual([]);
    },
  );
});
