import { CompiledQuery } from "kysely";
import { expect, it } from "vitest";
import { describeOnEachDialect } from "../../test/support/dialects.js";
import { type FindingsPageQuery, FindingsStore } from "./findings.store.js";

/**
 * Issue 7, item 3: every page of the findings listing — either status group, with or without the
 * asset filter, at the start or deep behind a cursor — is an index range scan that also gives the
 * order. Before, the listing sorted the whole filtered set in a temporary B-tree for every page
 * (and counted it), 5.5 s for the first page of 1 M findings.
 */
const CURSOR = [
  "01900000-0000-7000-8000-000000000000",
  "openssl",
  "CVE-2024-0001",
  "01900000-0000-7000-8000-00000000000f",
] as const;

const CASES: Array<[string, FindingsPageQuery]> = [
  ["open, first page", { group: "open", limit: 100 }],
  ["open, deep page", { group: "open", limit: 100, after: CURSOR }],
  ["open, one asset", { group: "open", limit: 100, assetId: CURSOR[0] }],
  ["open, one asset, deep page", { group: "open", limit: 100, assetId: CURSOR[0], after: CURSOR }],
  ["resolved, first page", { group: "resolved", limit: 100 }],
  ["resolved, one asset, deep page", { group: "resolved", limit: 100, assetId: CURSOR[0], after: CURSOR }],
];

describeOnEachDialect("findings page query plans", (env) => {
  for (const [name, query] of CASES) {
    it(`${name}: served by the status group's partial index, never sorted`, async () => {
      const { database } = env().context;
      const compiled = new FindingsStore(database.db).pageQuery(query).compile();
      const index = query.group === "open" ? "findings_open_page_idx" : "findings_resolved_page_idx";
      if (database.dialect === "sqlite") {
        const plan = await database.db.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`EXPLAIN QUERY PLAN ${compiled.sql}`, [...compiled.parameters]),
        );
        const text = plan.rows.map((row) => row.detail).join("\n");
        expect(text).toContain(index);
        expect(text).not.toMatch(/TEMP B-TREE/);
        return;
      }
      // An empty table costs nothing either way, so the planner is told what "expensive" means:
      // without an index that gives the order, it would have to sort.
      const text = await database.db.transaction().execute(async (trx) => {
        await trx.executeQuery(CompiledQuery.raw("SET LOCAL enable_seqscan = off"));
        await trx.executeQuery(CompiledQuery.raw("SET LOCAL enable_sort = off"));
        const plan = await trx.executeQuery<{ "QUERY PLAN": string }>(
          CompiledQuery.raw(`EXPLAIN ${compiled.sql}`, [...compiled.parameters]),
        );
        return plan.rows.map((row) => row["QUERY PLAN"]).join("\n");
      });
      expect(text).toContain(index);
      expect(text).not.toMatch(/\bSort\b/);
    });
  }
});
