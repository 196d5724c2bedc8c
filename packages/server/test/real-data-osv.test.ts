import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../src/app/context.js";
import type { DetectedImportResult } from "../src/intel/index.js";
import { openTestContext, SHARED_TESTDATA } from "./support/context.js";

/** The three OSV databases of ../shared/testdata: Go's (JSON), RustSec's (JSON) and PyPA's (YAML). */
const DATABASES = ["osv-go-vulndb/data/osv", "osv-rustsec/crates", "osv-pypa/vulns"].map((path) =>
  join(SHARED_TESTDATA, path),
);
const available = DATABASES.every((path) => existsSync(path));
if (!available) process.stderr.write(`note: OSV real-data tests skipped: ${SHARED_TESTDATA} is not present\n`);

describe.skipIf(!available)("the Go, RustSec and PyPA OSV databases from ../shared/testdata [real-data]", () => {
  let context: AppContext;
  let result: DetectedImportResult;
  beforeAll(async () => {
    context = await openTestContext(":memory:");
    result = await context.intel.importDetected(DATABASES);
  }, 300_000);
  afterAll(async () => {
    await context?.close();
  });

  it("imports every record, JSON and YAML alike", () => {
    expect(result.osv).toMatchObject({
      files: 8158,
      records: 8158,
      inserted: 8158,
      updated: 0,
      unchanged: 0,
      older: 0,
    });
    expect(result.skipped).toEqual([]);
  });

  it("keeps PyPA's YAML records with their aliases, as the JSON ones", async () => {
    const { db } = context.database;
    const record = await db
      .selectFrom("vulnerabilities")
      .select(["id", "preferred_id"])
      .where("id", "=", "PYSEC-2021-335")
      .executeTakeFirstOrThrow();
    expect(record.preferred_id).toBe("CVE-2021-32807");
    const pypi = await db.selectFrom("affected_packages").select("id").where("ecosystem", "=", "PyPI").execute();
    expect(pypi.length).toBeGreaterThanOrEqual(2661);
  });
});
