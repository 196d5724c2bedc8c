import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../src/app/context.js";
import type { DetectedImportResult } from "../src/intel/index.js";
import { openTestContext, SHARED_TESTDATA } from "./support/context.js";

/** Every NVD file of ../shared/testdata that issue 8's acceptance names (testdata/SOURCES.md §2). */
const NVD_FILES = [
  "nvd-1.1-yearly",
  "nvd-embedded-subset",
  "nvd-1.1-feeds",
  "osv.dev/vulnfeeds/test_data/nvdcve-2.0",
  "osv.dev/vulnfeeds/test_data/nvdcve-1.1-test-data.json",
  "osv.dev/vulnfeeds/conversion/nvd/testdata/test.json",
  "vunnel/tests/unit/providers/nvd/test-fixtures",
  "dependency-track/vuln-data-source/nvd/src/test/resources",
  "trivy-db/pkg/vulnsrc/nvd/testdata/happy",
].map((path) => join(SHARED_TESTDATA, path));
const available = NVD_FILES.every((path) => existsSync(path));
if (!available) process.stderr.write(`note: NVD real-data tests skipped: ${SHARED_TESTDATA} is not present\n`);

describe.skipIf(!available)("every NVD feed and API 2.0 sample in ../shared/testdata [real-data]", () => {
  let context: AppContext;
  let result: DetectedImportResult;
  beforeAll(async () => {
    context = await openTestContext(":memory:");
    result = await context.intel.importDetected(NVD_FILES);
  }, 300_000);
  afterAll(async () => {
    await context?.close();
  });

  it("reads every record of every file, 1.1 and 2.0, and stores each CVE once at its newest revision", async () => {
    const [feed] = result.feeds;
    // 19 yearly/modified/recent feeds, 2 subsets, 8 further 1.1 feeds, 1 + 23 + 1 + 2 + 7 + 4 API files.
    expect(feed).toMatchObject({ source: "nvd", files: 67, filesUnchanged: 0 });
    expect(feed?.records).toBe(147_966);
    expect((feed?.inserted ?? 0) + (feed?.updated ?? 0) + (feed?.unchanged ?? 0) + (feed?.older ?? 0)).toBe(
      feed?.records,
    );
    const stored = await context.database.db
      .selectFrom("source_records")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(feed?.inserted);
  });

  it("keeps Heartbleed as NVD last revised it, with the products its configurations name", async () => {
    const { db } = context.database;
    const heartbleed = await db
      .selectFrom("source_records")
      .selectAll()
      .where("id", "=", "CVE-2014-0160")
      .executeTakeFirstOrThrow();
    expect(heartbleed).toMatchObject({ source: "nvd", cvss_score: 7.5, cvss_version: "3.1", withdrawn: null });
    const products = await db
      .selectFrom("record_products")
      .select(["part", "vendor", "product", "vulnerable"])
      .where("record_id", "=", "CVE-2014-0160")
      .execute();
    expect(products).toEqual(
      expect.arrayContaining([
        { part: "a", vendor: "openssl", product: "openssl", vulnerable: 1 },
        { part: "h", vendor: "siemens", product: "cp_1543-1", vulnerable: 0 },
      ]),
    );
  });

  it("imports OpenSSL's CVE JSON 5 records and osv.dev's CVE 5 samples, skipping the one file that is no record", async () => {
    const cve = await context.intel.importDetected(
      [
        "openssl-vulns/release-metadata/secjson",
        "osv.dev/vulnfeeds/test_data/cve5",
        "osv.dev/vulnfeeds/test_data/cvelistV5",
      ].map((path) => join(SHARED_TESTDATA, path)),
    );
    expect(cve.skipped.map((path) => path.split("/").at(-1))).toEqual(["statements.json"]);
    // CVE-2023-45803 and CVE-2024-3094 are in both of osv.dev's folders, at the same revision.
    expect(cve.feeds).toMatchObject([{ source: "cve", files: 296, records: 296, inserted: 294, unchanged: 2 }]);
    const heartbleed = await context.database.db
      .selectFrom("record_products")
      .select(["source", "part", "vendor", "product"])
      .where("record_id", "=", "CVE-2014-0160")
      .where("vendor", "=", "openssl")
      .orderBy("source")
      .execute();
    // The CNA names it by name, NVD by CPE: the same vendor and product, to be joined by matching.
    expect(heartbleed).toEqual([
      { source: "cve", part: "", vendor: "openssl", product: "openssl" },
      { source: "nvd", part: "a", vendor: "openssl", product: "openssl" },
    ]);
  });

  it("finds the records that name an embedded component by its CPE product", async () => {
    const rows = await context.database.db
      .selectFrom("record_products")
      .select("record_id")
      .where("vendor", "=", "busybox")
      .where("product", "=", "busybox")
      .where("vulnerable", "=", 1)
      .execute();
    expect(rows).toHaveLength(15);
    // BusyBox's udhcp and wget CVEs of the 1.1 years, among them CVE-2018-1000500 (wget TLS).
    expect(rows.map((row) => row.record_id)).toEqual(
      expect.arrayContaining(["CVE-2016-2147", "CVE-2017-16544", "CVE-2018-1000500"]),
    );
  });
});
