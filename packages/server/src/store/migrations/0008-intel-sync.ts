import type { Kysely, Migration } from "kysely";

/**
 * Issue 8: online syncs. One state row per source — where the next sync starts, the cursor of one
 * that was interrupted, the last success, attempt and error — and one row per sync run
 * (docs/adr/0029).
 */
export const intelSyncMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("intel_sync_state")
      .addColumn("source", "text", (c) => c.primaryKey())
      .addColumn("synced_until", "text")
      .addColumn("cursor", "text")
      .addColumn("last_success_at", "text")
      .addColumn("last_attempt_at", "text")
      .addColumn("last_error", "text")
      .execute();
    await db.schema
      .createTable("intel_sync_runs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("started_at", "text", (c) => c.notNull())
      .addColumn("ended_at", "text")
      .addColumn("pages", "integer", (c) => c.notNull())
      .addColumn("records", "integer", (c) => c.notNull())
      .addColumn("inserted", "integer", (c) => c.notNull())
      .addColumn("updated", "integer", (c) => c.notNull())
      .addColumn("error", "text")
      .execute();
    await db.schema
      .createIndex("intel_sync_runs_source_idx")
      .on("intel_sync_runs")
      .columns(["source", "started_at"])
      .execute();
  },
};
