import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  CVSS_V4_MACRO_VECTOR_SCORES,
  CVSS_V4_MAX_COMPOSED,
  CVSS_V4_MAX_SEVERITY,
  CVSS_V4_METRIC_VALUES,
} from "./cvss4-tables.generated.js";

const source = new URL("../../test/fixtures/cvss-v4-first/cvss_v4_tables.json", import.meta.url);

describe("embedded CVSS v4.0 tables", () => {
  it("equal FIRST's tables they were generated from (rerun scripts/generate-cvss4-tables.ts on drift)", () => {
    const { tables } = JSON.parse(readFileSync(source, "utf8")) as { tables: Record<string, unknown> };
    expect(CVSS_V4_MACRO_VECTOR_SCORES).toEqual(tables.cvssLookup_global);
    expect(CVSS_V4_MAX_COMPOSED).toEqual(tables.maxComposed);
    expect(CVSS_V4_MAX_SEVERITY).toEqual(tables.maxSeverity);
    expect(CVSS_V4_METRIC_VALUES).toEqual(tables.expectedMetricOrder);
  });
  it("hold one score for each of the 270 MacroVectors", () => {
    expect(Object.keys(CVSS_V4_MACRO_VECTOR_SCORES)).toHaveLength(270);
  });
});
