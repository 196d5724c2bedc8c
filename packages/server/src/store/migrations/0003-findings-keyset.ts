import { type Kysely, type Migration, sql } from "kysely";

/**
 * Indexes that serve the findings listing page by page (docs/adr/0018): the listing walks
 * (asset_id, component_name, vulnerability_id, id) from a cursor, the open findings in one partial
 * index and the resolved ones in another, so a page costs a short index range scan at any depth,
 * whatever the status filter. The predicates are literals: a planner uses a partial index only when
 * the query repeats its predicate.
 */
export const findingsKeysetMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createIndex("findings_open_page_idx")
      .on("findings")
      .columns(["asset_id", "component_name", "vulnerability_id", "id"])
      .where(sql.ref("status"), "<>", sql.lit("resolved"))
      .execute();
    await db.schema
      .createIndex("findings_resolved_page_idx")
      .on("findings")
      .columns(["asset_id", "component_name", "vulnerability_id", "id"])
      .where(sql.ref("status"), "=", sql.lit("resolved"))
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex("findings_resolved_page_idx").execute();
    await db.schema.dropIndex("findings_open_page_idx").execute();
  },
};
