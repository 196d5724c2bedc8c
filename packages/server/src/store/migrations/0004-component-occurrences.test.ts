import { describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/support/dialects.js";
import { openDatabase } from "../database.js";

for (const dialect of DIALECTS) {
  describe.skipIf(dialect.skipReason !== "")(`migration 0004 on a database of issue 6 [${dialect.name}]`, () => {
    it("counts every stored component once and moves a version that disagrees with its PURL to the PURL's", async () => {
      const database = await dialect.createEmptyDatabase();
      try {
        const old = await openDatabase(database.url, { migrateUpTo: "0002-vers-release-lifecycle" });
        // biome-ignore lint/suspicious/noExplicitAny: the issue-6 schema is not the current one.
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
        const component = (id: string, version: string | null, purl: string | null) => ({
          id,
          asset_id: "a1",
          name: id,
          version,
          component_type: "library",
          purl,
          purl_type: purl ? "npm" : null,
          purl_namespace: purl ? "" : null,
          purl_name: purl ? id : null,
          cpe: null,
          bom_ref: null,
          distro_release: null,
        });
        await db
          .insertInto("components")
          .values([
            // Issue 6 stored the version field where one was given, whatever the PURL said.
            component("c1", "2.0.0", "pkg:npm/c1@1.0.0"),
            component("c2", "1.0.0", "pkg:npm/c2@1.0.0"),
            component("c3", "3.0.0", null),
            component("c4", null, "pkg:npm/c4@4.0.0"),
          ])
          .execute();
        await old.close();

        const current = await openDatabase(database.url);
        try {
          const rows = await current.db
            .selectFrom("components")
            .select(["id", "version", "occurrences", "identity_conflict"])
            .orderBy("id")
            .execute();
          expect(rows).toEqual([
            {
              id: "c1",
              version: "1.0.0",
              occurrences: 1,
              identity_conflict: 'version "2.0.0" disagrees with the PURL\'s version "1.0.0"',
            },
            { id: "c2", version: "1.0.0", occurrences: 1, identity_conflict: null },
            { id: "c3", version: "3.0.0", occurrences: 1, identity_conflict: null },
            { id: "c4", version: "4.0.0", occurrences: 1, identity_conflict: null },
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
