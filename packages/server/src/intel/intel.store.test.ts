import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { FIXTURES } from "../../test/support/context.js";
import { describeOnEachDialect } from "../../test/support/dialects.js";

const osvDir = join(FIXTURES, "demo", "osv");
const h2Record = join(osvDir, "rustsec", "RUSTSEC-2023-0034.json");

describeOnEachDialect("intel store", (env) => {
  it("imports a directory of OSV records with aliases and affected packages", async () => {
    const result = await env().context.intel.importPaths("osv", [osvDir]);
    expect(result).toMatchObject({ files: 53, records: 53, inserted: 53, updated: 0, unchanged: 0 });
    const { db } = env().context.database;
    const vulnerability = await db
      .selectFrom("vulnerabilities")
      .select(["preferred_id", "modified"])
      .where("id", "=", "RUSTSEC-2023-0034")
      .executeTakeFirstOrThrow();
    expect(vulnerability.preferred_id).toBe("CVE-2023-26964");
    const aliases = await db
      .selectFrom("vulnerability_aliases")
      .select("alias")
      .where("vulnerability_id", "=", "RUSTSEC-2023-0034")
      .execute();
    expect(aliases.map((row) => row.alias).sort()).toEqual(["CVE-2023-26964", "GHSA-f8vr-r385-rh5r"]);
    const affected = await db
      .selectFrom("affected_packages")
      .select(["purl_type", "purl_namespace", "purl_name"])
      .where("vulnerability_id", "=", "GO-2025-4173")
      .execute();
    expect(affected).toEqual([
      { purl_type: "golang", purl_namespace: "github.com/eclipse", purl_name: "paho.mqtt.golang" },
    ]);
  });

  it("skips unchanged records and replaces changed ones with their aliases", async () => {
    const { intel, database } = env().context;
    await intel.importPaths("osv", [h2Record]);
    expect(await intel.importPaths("osv", [h2Record])).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    const record = JSON.parse(readFileSync(h2Record, "utf8"));
    record.modified = "2030-01-01T00:00:00Z";
    record.aliases = ["CVE-2023-26964"];
    expect(await intel.importDocument("osv", record, "edited")).toMatchObject({
      inserted: 0,
      updated: 1,
      unchanged: 0,
    });
    const aliases = await database.db.selectFrom("vulnerability_aliases").select("alias").execute();
    expect(aliases.map((row) => row.alias)).toEqual(["CVE-2023-26964"]);
    expect(await intel.countVulnerabilities()).toBe(1);
  });

  it("imports nothing when one record in a batch is malformed", async () => {
    const good = JSON.parse(readFileSync(h2Record, "utf8"));
    const bad = {
      id: "BAD-1",
      modified: "2024-01-01T00:00:00Z",
      affected: [
        {
          package: { ecosystem: "crates.io", name: "x" },
          ranges: [{ type: "SEMVER", events: [{ introduced: "0", fixed: "1" }] }],
        },
      ],
    };
    await expect(env().context.intel.importDocument("osv", [good, bad], "batch.json")).rejects.toThrow(
      /batch\.json: \[1\]: record BAD-1: affected\[0\]\.ranges\[0\]\.events\[0\]: an event has exactly one/,
    );
    expect(await env().context.intel.countVulnerabilities()).toBe(0);
  });
});
