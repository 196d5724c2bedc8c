import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { osvRecord } from "../../test/factories.js";
import { runCliCaptured, TEST_FIXTURES } from "../../test/support/context.js";
import { DIALECTS, type TestDatabase } from "../../test/support/dialects.js";

const record = (modified: string, fixed: string) =>
  osvRecord({
    id: "GO-2024-9002",
    ecosystem: "Go",
    name: "example.com/m",
    modified,
    events: [{ introduced: "0" }, { fixed }],
  });

for (const dialect of DIALECTS) {
  describe.skipIf(dialect.skipReason !== "")(`fleetpatch intel import [${dialect.name}]`, () => {
    let database: TestDatabase;
    let dir: string;
    beforeEach(async () => {
      database = await dialect.createDatabase();
      dir = mkdtempSync(join(tmpdir(), "fleetpatch-intel-"));
    });
    afterEach(async () => {
      await database.drop();
    });
    const cli = (...args: string[]) => runCliCaptured(["--db", database.url, ...args]);
    const write = (name: string, content: unknown) => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(content));
      return path;
    };

    it("imports NVD feeds beside OSV records, one summary line each, and skips a feed imported before", async () => {
      const feed = join(TEST_FIXTURES, "nvd", "nvdcve-1.1-2014-excerpt.json.gz");
      const page = join(TEST_FIXTURES, "nvd", "api-page-38.json");
      const osv = write("osv.json", record("2024-05-01T00:00:00Z", "1.2.0"));
      expect(await cli("intel", "import", feed, page, osv)).toEqual({
        code: 0,
        stdout:
          "imported 42 NVD records from 2 files: 42 new, 0 updated, 0 unchanged, 0 older than the revision kept\n" +
          "imported 1 OSV records from 1 files: 1 new, 0 updated, 0 unchanged, 0 older than the version kept\n",
        stderr: "",
      });
      expect((await cli("intel", "import", feed)).stdout).toBe(
        "imported 0 NVD records from 1 files (1 already imported, skipped): 0 new, 0 updated, 0 unchanged, 0 older than the revision kept\n",
      );
    });

    it("says how many records were older than the version kept (issue 7, item 7)", async () => {
      await cli("intel", "import", write("newer.json", record("2024-05-01T00:00:00Z", "1.2.0")));
      const result = await cli("intel", "import", write("older.json", record("2023-01-01T00:00:00Z", "1.0.0")));
      expect(result).toEqual({
        code: 0,
        stdout: "imported 1 OSV records from 1 files: 0 new, 0 updated, 0 unchanged, 1 older than the version kept\n",
        stderr: "",
      });
    });

    it("prints one error line naming the file, the record and the field, and imports nothing (item 11)", async () => {
      const bad = { ...record("2024-05-01T00:00:00Z", "1.2.0"), id: "GO-2024-9004", modified: "2024-05-01 00:00" };
      const path = write("bad.json", [record("2024-05-01T00:00:00Z", "1.2.0"), bad]);
      expect(await cli("intel", "import", path)).toEqual({
        code: 1,
        stdout: "",
        stderr: `error: ${path}: [1]: record GO-2024-9004: modified: "2024-05-01 00:00" is not an RFC 3339 timestamp (such as 2024-05-01T12:00:00Z)\n`,
      });
      const listed = await cli("intel", "import", write("good.json", record("2024-05-01T00:00:00Z", "1.2.0")));
      expect(listed.stdout).toMatch(/: 1 new, /);
    });

    it("refuses the OSV linter's own record without an introduced event, naming file, record and field (item 11)", async () => {
      const path = join(TEST_FIXTURES, "osv-schema", "nointroduced-CVE-2023-41045.json");
      expect(await cli("intel", "import", path)).toEqual({
        code: 1,
        stdout: "",
        stderr: `error: ${path}: record CVE-2023-41045: affected[0].ranges[0].events: needs an "introduced" event\n`,
      });
    });

    it("prints warnings on stderr and still imports (item 11)", async () => {
      const path = write("offset.json", record("2024-05-01T02:00:00+02:00", "1.2.0"));
      const result = await cli("intel", "import", path);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe(
        `warning: ${path}: record GO-2024-9002: modified: 2024-05-01T02:00:00+02:00 is not written in UTC with "Z", as OSV asks; read as the instant it names\n`,
      );
      expect(result.stdout).toMatch(/: 1 new, /);
    });
    it("prints one summary line per KEV or EPSS file, each file's format told by its content", async () => {
      const kev = join(TEST_FIXTURES, "kev", "kev-2025.08.25-first20.json");
      const epss = join(TEST_FIXTURES, "epss", "CVE_2014_EPSS-first300.csv");
      expect(await cli("intel", "import", "--score-date", "2026-08-16", kev, epss)).toEqual({
        code: 0,
        stdout:
          `imported ${kev}: KEV catalog 2025.08.25: 20 entries: 20 new, 0 updated, 0 unchanged, 0 marked removed\n` +
          `imported ${epss}: EPSS scores of 2026-08-16: 300 rows: 300 new, 0 updated, 0 unchanged, 0 older than the score kept; 300 history rows\n`,
        stderr: "",
      });
    });

    it("refuses a KEV CSV with an unknown column in one error line naming the file and the column", async () => {
      const text = readFileSync(join(TEST_FIXTURES, "kev", "kev-2025.08.25-first20.csv"), "utf8");
      const path = join(dir, "kev.csv");
      writeFileSync(path, text.replace(",notes,", ",notes,epssScore,"));
      const result = await cli("intel", "import", path);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(
        new RegExp(`^error: ${path}: unknown KEV CSV column "epssScore"; known: cveID, [^\n]*\n$`),
      );
    });

    it("refuses a --score-date that is not a date as a usage error (exit 2)", async () => {
      const epss = join(TEST_FIXTURES, "epss", "CVE_2014_EPSS-first300.csv");
      expect(await cli("intel", "import", "--score-date", "16.08.2026", epss)).toEqual({
        code: 2,
        stdout: "",
        stderr:
          'error: --score-date must be a date (YYYY-MM-DD), not "16.08.2026"\n(run "fleetpatch intel import --help" for usage)\n',
      });
    });
  });
}
