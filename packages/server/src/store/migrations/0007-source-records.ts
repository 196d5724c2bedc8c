import { type CreateTableBuilder, type Kysely, type Migration, SqliteAdapter, sql } from "kysely";

/**
 * Issue 8: records of record feeds (NVD first; CVE JSON 5 next) kept per source as they came,
 * with the few columns lists filter on, the CPE products they name (the key matching looks
 * records up by), revision history and the files applied. What else a record says is read from
 * the stored document by core's parser (docs/adr/0027).
 */
export const sourceRecordsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
    // Clustered on the key on SQLite (one B-tree instead of a rowid table and a key index), as the EPSS tables.
    const clustered = <T extends string, C extends string>(builder: CreateTableBuilder<T, C>) =>
      sqlite ? builder.modifyEnd(sql`without rowid`) : builder;
    await db.schema
      .createTable("source_records")
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("id", "text", (c) => c.notNull())
      .addColumn("modified", "text", (c) => c.notNull())
      .addColumn("published", "text")
      .addColumn("withdrawn", "text")
      .addColumn("status", "text")
      .addColumn("summary", "text")
      .addColumn("cvss_score", "double precision")
      .addColumn("cvss_version", "text")
      .addColumn("digest", "text", (c) => c.notNull())
      .addColumn("document", "text", (c) => c.notNull())
      .addColumn("imported_at", "text", (c) => c.notNull())
      .addColumn("first_imported_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("source_records_pk", ["source", "id"])
      .execute();
    if (!sqlite) {
      // Documents are compressed by PostgreSQL's TOAST: lz4 where the server has it (14 and
      // later, built with it), several times faster to write than the default pglz.
      await sql`do $$ begin alter table source_records alter column document set compression lz4; exception when others then null; end $$`.execute(
        db,
      );
    }
    await db.schema
      .createTable("source_record_history")
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("id", "text", (c) => c.notNull())
      .addColumn("modified", "text", (c) => c.notNull())
      .addColumn("digest", "text", (c) => c.notNull())
      .addColumn("imported_at", "text", (c) => c.notNull())
      .addColumn("replaced_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("source_record_history_pk", ["source", "id", "modified"])
      .$call(clustered)
      .execute();
    await db.schema
      .createTable("record_products")
      .addColumn("vendor", "text", (c) => c.notNull())
      .addColumn("product", "text", (c) => c.notNull())
      .addColumn("part", "text", (c) => c.notNull())
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("record_id", "text", (c) => c.notNull())
      .addColumn("vulnerable", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("record_products_pk", ["vendor", "product", "part", "source", "record_id"])
      .$call(clustered)
      .execute();
    await db.schema
      .createIndex("record_products_record_idx")
      .on("record_products")
      .columns(["source", "record_id"])
      .execute();
    await db.schema
      .createTable("source_files")
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("digest", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("records", "integer", (c) => c.notNull())
      .addColumn("imported_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("source_files_pk", ["source", "digest"])
      .execute();
  },
};
