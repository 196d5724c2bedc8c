import { type CreateTableBuilder, type Kysely, type Migration, SqliteAdapter, sql } from "kysely";

/**
 * Issue 8: CISA KEV and EPSS, enrichments keyed by CVE id rather than advisories (docs/adr/0026).
 * No foreign key to `vulnerabilities`: KEV and EPSS name CVEs that no imported advisory may know
 * yet, and they are joined by CVE id (an advisory's id or alias) when read.
 */
export const kevEpssMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // On SQLite the EPSS tables are clustered on their key (WITHOUT ROWID): one B-tree per table
    // instead of a rowid table plus a key index, which halves the pages a 360,000-row import
    // writes (docs/benchmarks.md, issue 8). PostgreSQL has no such option and needs none.
    const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
    const clustered = <T extends string, C extends string>(builder: CreateTableBuilder<T, C>) =>
      sqlite ? builder.modifyEnd(sql`without rowid`) : builder;
    await db.schema
      .createTable("kev_entries")
      .addColumn("cve_id", "text", (c) => c.primaryKey())
      .addColumn("vendor_project", "text", (c) => c.notNull())
      .addColumn("product", "text", (c) => c.notNull())
      .addColumn("vulnerability_name", "text", (c) => c.notNull())
      .addColumn("date_added", "text", (c) => c.notNull())
      .addColumn("short_description", "text", (c) => c.notNull())
      .addColumn("required_action", "text", (c) => c.notNull())
      .addColumn("due_date", "text", (c) => c.notNull())
      .addColumn("known_ransomware_use", "text", (c) => c.notNull())
      .addColumn("notes", "text", (c) => c.notNull())
      .addColumn("cwes", "text", (c) => c.notNull())
      .addColumn("removed_in", "text")
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("kev_catalogs")
      .addColumn("catalog_version", "text", (c) => c.primaryKey())
      .addColumn("date_released", "text", (c) => c.notNull())
      .addColumn("entry_count", "integer", (c) => c.notNull())
      .addColumn("imported_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("epss_scores")
      // Byte order on both dialects (SQLite's BINARY, PostgreSQL's "C"), so the store can read a
      // batch's stored scores as one key range between its least and greatest id.
      .addColumn("cve_id", "text", (c) => (sqlite ? c.primaryKey() : c.primaryKey().modifyFront(sql`collate "C"`)))
      .addColumn("epss", "double precision", (c) => c.notNull())
      .addColumn("percentile", "double precision", (c) => c.notNull())
      .addColumn("score_date", "text")
      .addColumn("model_version", "text")
      .addColumn("updated_at", "text", (c) => c.notNull())
      .$call(clustered)
      .execute();
    await db.schema
      .createTable("epss_history")
      .addColumn("cve_id", "text", (c) => c.notNull())
      .addColumn("score_date", "text", (c) => c.notNull())
      .addColumn("epss", "double precision", (c) => c.notNull())
      .addColumn("percentile", "double precision", (c) => c.notNull())
      .addColumn("model_version", "text")
      .addPrimaryKeyConstraint("epss_history_pk", ["cve_id", "score_date"])
      .$call(clustered)
      .execute();
  },
};
