import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../src/app/context.js";
import type { DetectedImportResult } from "../src/intel/index.js";
import { openTestContext, SHARED_TESTDATA } from "./support/context.js";

const kevJson = join(SHARED_TESTDATA, "kev", "known_exploited_vulnerabilities.json");
const kevCsv = join(SHARED_TESTDATA, "kev", "known_exploited_vulnerabilities.csv");
const epssDir = join(SHARED_TESTDATA, "epss", "EMBA-EPSS-data", "EPSS_CVE_data");
const available = existsSync(kevJson) && existsSync(epssDir);
if (!available) process.stderr.write(`note: KEV/EPSS real-data tests skipped: ${SHARED_TESTDATA} is not present\n`);

describe.skipIf(!available)(
  "the whole KEV catalog and all EPSS per-year files from ../shared/testdata [real-data]",
  () => {
    let context: AppContext;
    let result: DetectedImportResult;
    beforeAll(async () => {
      context = await openTestContext(":memory:");
      // The data's date is the EMBA repository's commit date (testdata/SOURCES.md).
      result = await context.intel.importDetected([kevJson, kevCsv, epssDir], { epssScoreDate: "2026-08-16" });
    }, 120_000);
    afterAll(async () => {
      await context?.close();
    });

    it("imports all 1,404 KEV entries, the CSV agreeing field by field with the JSON", async () => {
      const [json, csv] = result.enrichments;
      expect(json).toMatchObject({ source: "kev", catalogVersion: "2025.08.25", records: 1404, inserted: 1404 });
      expect(csv).toMatchObject({
        source: "kev",
        format: "csv",
        records: 1404,
        inserted: 0,
        updated: 0,
        unchanged: 1404,
      });
      const heartbleed = await context.database.db
        .selectFrom("kev_entries")
        .selectAll()
        .where("cve_id", "=", "CVE-2014-0160")
        .executeTakeFirstOrThrow();
      expect(heartbleed).toMatchObject({ vendor_project: "OpenSSL", product: "OpenSSL", date_added: "2022-05-04" });
    });

    it("imports every row of the 28 EPSS per-year files, each with its history row", async () => {
      const epss = result.enrichments.filter((file) => file.source === "epss");
      expect(epss).toHaveLength(readdirSync(epssDir).filter((name) => name.endsWith(".csv")).length);
      expect(epss).toHaveLength(28);
      const rows = epss.reduce((sum, file) => sum + file.records, 0);
      expect(rows).toBe(360_142);
      const { db } = context.database;
      const scores = await db
        .selectFrom("epss_scores")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(scores.n)).toBe(360_142);
      const history = await db
        .selectFrom("epss_history")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(history.n)).toBe(360_142);
      const score = await db
        .selectFrom("epss_scores")
        .selectAll()
        .where("cve_id", "=", "CVE-2014-9998")
        .executeTakeFirstOrThrow();
      expect(score).toMatchObject({ epss: 0.01169, percentile: 0.6471, score_date: "2026-08-16" });
    });
  },
);
