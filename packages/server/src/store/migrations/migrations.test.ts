import { describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/support/dialects.js";
import { openDatabase } from "../database.js";

/** An OSV Debian 12 record as release 0.1 stored it, verbatim. */
const record = {
  id: "DSA-0001-1",
  modified: "2024-01-01T00:00:00Z",
  aliases: ["CVE-2024-0727"],
  affected: [
    {
      package: { ecosystem: "Debian:12", name: "openssl" },
      ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "3.0.13-1~deb12u1" }] }],
    },
  ],
};

for (const dialect of DIALECTS) {
  describe.skipIf(dialect.skipReason !== "")(`migration 0002 on a database of release 0.1 [${dialect.name}]`, () => {
    it("rebuilds affected rows as vers from the stored records, fills component releases and keeps findings", async () => {
      const database = await dialect.createEmptyDatabase();
      try {
        const old = await openDatabase(database.url, { migrateUpTo: "0001-initial" });
        // biome-ignore lint/suspicious/noExplicitAny: the 0.1 schema is not the current one.
        const db = old.db as any;
        const at = "2026-01-01T00:00:00.000Z";
        await db
          .insertInto("assets")
          .values({
            id: "a1",
            name: "gw",
            type: "iot",
            version: null,
            source: "CycloneDX 1.6",
            created_at: at,
            updated_at: at,
          })
          .execute();
        await db
          .insertInto("components")
          .values({
            id: "c1",
            asset_id: "a1",
            name: "openssl",
            version: "3.0.11-1~deb12u2",
            component_type: "library",
            purl: "pkg:deb/debian/openssl@3.0.11-1~deb12u2?distro=debian-12",
            purl_type: "deb",
            purl_namespace: "debian",
            purl_name: "openssl",
            cpe: null,
            bom_ref: null,
          })
          .execute();
        await db
          .insertInto("vulnerabilities")
          .values({
            id: "DSA-0001-1",
            preferred_id: "CVE-2024-0727",
            summary: null,
            published: null,
            modified: record.modified,
            withdrawn: null,
            source: "osv",
            record: JSON.stringify(record),
            imported_at: at,
          })
          .execute();
        await db
          .insertInto("affected_packages")
          .values({
            id: "DSA-0001-1#0",
            vulnerability_id: "DSA-0001-1",
            ecosystem: "Debian:12",
            purl_type: "deb",
            purl_namespace: "debian",
            purl_name: "openssl",
            affected: "{}",
          })
          .execute();
        await db
          .insertInto("findings")
          .values({
            id: "f1",
            asset_id: "a1",
            component_id: "c1",
            vulnerability_id: "DSA-0001-1",
            status: "in_triage",
            source: "osv",
            confidence: "high",
            evidence: "[]",
            first_seen: at,
            last_seen: at,
          })
          .execute();
        await old.close();

        const current = await openDatabase(database.url);
        try {
          const affected = await current.db.selectFrom("affected_packages").selectAll().execute();
          expect(affected).toEqual([
            expect.objectContaining({
              id: "DSA-0001-1#0",
              release: "12",
              ranges: JSON.stringify([
                { vers: "vers:deb/<3.0.13-1~deb12u1", detail: "ECOSYSTEM >=0 <3.0.13-1~deb12u1" },
              ]),
              versions: "[]",
              skipped: "[]",
            }),
          ]);
          const component = await current.db
            .selectFrom("components")
            .select("distro_release")
            .executeTakeFirstOrThrow();
          expect(component.distro_release).toBe("12");
          const finding = await current.db.selectFrom("findings").selectAll().executeTakeFirstOrThrow();
          expect(finding).toMatchObject({
            id: "f1",
            component_name: "openssl",
            component_version: "3.0.11-1~deb12u2",
            resolved_at: null,
            resolution: null,
          });
          // A component's deletion no longer takes its findings with it.
          await current.db.deleteFrom("components").execute();
          expect(await current.db.selectFrom("findings").select(["id", "component_id"]).execute()).toEqual([
            { id: "f1", component_id: null },
          ]);
        } finally {
          await current.close();
        }
      } finally {
        await database.drop();
      }
    });
  });
}
