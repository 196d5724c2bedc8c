import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cycloneDxBomText, osvRecord } from "../../test/factories.js";
import { openTestContext, TEST_FIXTURES } from "../../test/support/context.js";
import { describeOnEachDialect } from "../../test/support/dialects.js";
import { MAX_OSV_YAML_BYTES } from "./intel.service.js";

/** One crate advisory as two producers' versions of it: the newer affects 1.5.0, the older does not. */
const newer = osvRecord({
  id: "RUSTSEC-2024-9001",
  ecosystem: "crates.io",
  name: "kept",
  type: "SEMVER",
  modified: "2024-05-01T00:00:00Z",
  events: [{ introduced: "0" }, { fixed: "2.0.0" }],
});
const older = osvRecord({
  id: "RUSTSEC-2024-9001",
  ecosystem: "crates.io",
  name: "kept",
  type: "SEMVER",
  modified: "2023-01-01T00:00:00Z",
  events: [{ introduced: "0" }, { fixed: "1.0.0" }],
});

describeOnEachDialect("OSV import keeps the newer version of a record (issue 7, item 7)", (env) => {
  async function storedRecord(id: string): Promise<{ modified: string; ranges: string[] }> {
    const { db } = env().context.database;
    const vulnerability = await db
      .selectFrom("vulnerabilities")
      .select("modified")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const affected = await db
      .selectFrom("affected_packages")
      .select("ranges")
      .where("vulnerability_id", "=", id)
      .execute();
    return { modified: vulnerability.modified, ranges: affected.map((row) => row.ranges) };
  }

  it("keeps the stored record when an older one arrives, counts it, and its finding stays open", async () => {
    const { intel, inventory, findings } = env().context;
    await intel.importDocument("osv", newer, "newer.json");
    await inventory.importSbomDocuments([
      {
        location: "host",
        text: cycloneDxBomText("host", [{ name: "kept", version: "1.5.0", purl: "pkg:cargo/kept@1.5.0" }]),
      },
    ]);
    await findings.match();
    expect((await findings.listAll()).map((finding) => finding.status)).toEqual(["in_triage"]);
    const before = await storedRecord("RUSTSEC-2024-9001");

    const result = await intel.importDocument("osv", older, "older.json");

    expect(result).toMatchObject({ records: 1, inserted: 0, updated: 0, unchanged: 0, older: 1 });
    expect(await storedRecord("RUSTSEC-2024-9001")).toEqual(before);
    expect(before.modified).toBe("2024-05-01T00:00:00Z");
    await findings.match();
    // Still open: replacing the record with the older ranges would have resolved it (advisory_changed).
    expect((await findings.listAll({ status: "all" })).map((finding) => [finding.status, finding.resolution])).toEqual([
      ["in_triage", null],
    ]);
  });

  it("keeps the newest of two versions of one id in the same batch, in either order", async () => {
    const { intel } = env().context;
    expect(await intel.importDocument("osv", [newer, older], "batch.json")).toMatchObject({
      records: 2,
      inserted: 1,
      older: 1,
    });
    expect((await storedRecord("RUSTSEC-2024-9001")).modified).toBe("2024-05-01T00:00:00Z");
    const other = { ...newer, id: "RUSTSEC-2024-9002" };
    const otherOlder = { ...older, id: "RUSTSEC-2024-9002" };
    expect(await intel.importDocument("osv", [otherOlder, other], "batch.json")).toMatchObject({
      records: 2,
      inserted: 1,
      older: 1,
    });
    expect((await storedRecord("RUSTSEC-2024-9002")).modified).toBe("2024-05-01T00:00:00Z");
  });

  it("compares modified times as instants, not as text", async () => {
    const { intel } = env().context;
    await intel.importDocument("osv", newer, "newer.json");
    // 01:00 at +02:00 is 2024-04-30T23:00Z: earlier, although it sorts after "…T00:00:00Z" as text.
    const earlierWithOffset = { ...older, modified: "2024-05-01T01:00:00+02:00" };
    expect(await intel.importDocument("osv", earlierWithOffset, "offset.json")).toMatchObject({ older: 1, updated: 0 });
    // The same instant written another way is the same version: nothing to write.
    const sameInstant = { ...older, modified: "2024-05-01T02:00:00.000+02:00" };
    expect(await intel.importDocument("osv", sameInstant, "same.json")).toMatchObject({ unchanged: 1, updated: 0 });
    // A later instant replaces it, however its text sorts.
    const later = { ...older, modified: "2024-04-30T23:30:00-01:00" };
    expect(await intel.importDocument("osv", later, "later.json")).toMatchObject({ updated: 1, older: 0 });
    expect((await storedRecord("RUSTSEC-2024-9001")).modified).toBe("2024-04-30T23:30:00-01:00");
  });
});

describeOnEachDialect(
  "OSV records a database would store differently or not at all (issue 7, items 9 and 11)",
  (env) => {
    const base = (id = "GO-2024-9101") =>
      osvRecord({ id, ecosystem: "Go", name: "example.com/m", events: [{ introduced: "0" }] });
    // The factory puts the name in the summary too; a plain summary keeps the case about the name.
    const withPackageName = (name: string) => ({
      ...osvRecord({ id: "GO-2024-9101", ecosystem: "Go", name, events: [{ introduced: "0" }] }),
      summary: "a package name with a character no database stores as read",
    });

    it.each([
      ["NUL in the id", { ...base(), id: "GO-2024\u00009100" }, "nul.json: id: contains the control character U+0000"],
      [
        "NUL in the summary",
        { ...base(), summary: "evil\u0000summary" },
        "nul.json: record GO-2024-9101: summary: contains the control character U+0000",
      ],
      [
        "NUL in an alias",
        { ...base(), aliases: ["CVE-2024\u00001"] },
        "nul.json: record GO-2024-9101: aliases[0]: contains the control character U+0000",
      ],
      [
        "NUL in a package name",
        withPackageName("example.com/\u0000m"),
        "nul.json: record GO-2024-9101: affected[0].package.name: contains the control character U+0000",
      ],
      [
        "a lone surrogate in a package name",
        withPackageName("example.com/\ud800m"),
        "nul.json: record GO-2024-9101: affected[0].package.name: contains a lone surrogate (U+D800), which is not Unicode text",
      ],
      [
        "a 10 MB summary",
        { ...base(), summary: "x".repeat(10_000_000) },
        "nul.json: record GO-2024-9101: summary: is 10,000,000 characters long; the limit is 4,096",
      ],
    ])("refuses %s with the same one line on either database, storing nothing", async (_what, record, message) => {
      const { intel } = env().context;
      await expect(intel.importDocument("osv", [base("GO-2024-9100"), record], "nul.json")).rejects.toMatchObject({
        code: "invalid_input",
        message: message.replace("nul.json: ", "nul.json: [1]: "),
      });
      expect(await intel.countVulnerabilities()).toBe(0);
    });
  },
);

describe("an OSV import of one very large array file (issue 7, item 11: hostile-files)", () => {
  it("imports 200,000 records from one file without overflowing the call stack", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fleetpatch-osv-large-"));
    const context = await openTestContext(join(dir, "large.db"));
    try {
      const path = join(dir, "all.json");
      const records = Array.from({ length: 200_000 }, (_, index) => ({
        id: `GO-9999-${index}`,
        modified: "2024-05-01T00:00:00Z",
      }));
      writeFileSync(path, JSON.stringify(records));
      expect(await context.intel.importPaths("osv", [path])).toMatchObject({ records: 200_000, inserted: 200_000 });
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describeOnEachDialect("OSV records in YAML", (env) => {
  it("imports PyPA's YAML record as its JSON twin would be, and says what is wrong with a broken one", async () => {
    const yamlRecord = join(TEST_FIXTURES, "osv-yaml", "PYSEC-2021-335.yaml");
    const result = await env().context.intel.importDetected([yamlRecord]);
    expect(result.osv).toMatchObject({ files: 1, records: 1, inserted: 1 });
    const stored = await env()
      .context.database.db.selectFrom("vulnerabilities")
      .selectAll()
      .where("id", "=", "PYSEC-2021-335")
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ preferred_id: "CVE-2021-32807", source: "osv" });
    expect(JSON.parse(stored.record).affected[0].package).toEqual({
      ecosystem: "PyPI",
      name: "accesscontrol",
      purl: "pkg:pypi/accesscontrol",
    });
    const dir = mkdtempSync(join(tmpdir(), "fleetpatch-yaml-"));
    try {
      const broken = join(dir, "PYSEC-2099-1.yaml");
      writeFileSync(broken, "id: PYSEC-2099-1\nid: PYSEC-2099-2\n");
      await expect(env().context.intel.importDetected([broken])).rejects.toThrow(
        `${broken}: not valid YAML: Map keys must be unique at line 2, column 1`,
      );
      // A YAML parser holds many times its input: a large file is refused before it is parsed.
      const large = join(dir, "PYSEC-2099-3.yaml");
      writeFileSync(large, `id: PYSEC-2099-3\ndetails: "${"x".repeat(MAX_OSV_YAML_BYTES)}"\n`);
      await expect(env().context.intel.importDetected([large])).rejects.toThrow(
        /: the file is 4\.0 MiB; the limit for this import is 4 MiB$/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
