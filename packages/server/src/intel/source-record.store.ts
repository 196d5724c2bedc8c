import type { NvdProduct, Revision } from "@fleetpatch/core";
import { bulkInsertRows, chunk, upsertRows } from "../store/batch.js";
import { Store } from "../store/unit-of-work.js";

/** A record of a record feed ready to store: what core's parser read, in columns (docs/adr/0027). */
export interface PreparedRecord extends Revision {
  readonly published: string | null;
  readonly withdrawn: string | null;
  readonly status: string | null;
  readonly summary: string | null;
  readonly cvssScore: number | null;
  readonly cvssVersion: string | null;
  readonly document: string;
  /** The CPE products the record names (NVD: its configurations' criteria). */
  readonly products: readonly NvdProduct[];
}

const RECORD_COLUMNS = [
  "source",
  "id",
  "modified",
  "published",
  "withdrawn",
  "status",
  "summary",
  "cvss_score",
  "cvss_version",
  "digest",
  "document",
  "imported_at",
  "first_imported_at",
] as const;

/** A stored revision and when it was imported. */
export interface StoredRevision extends Revision {
  readonly importedAt: string;
  readonly firstImportedAt: string;
}

/** Records of record feeds, their revision history, the CPE products they name and the files applied. */
export class SourceRecordStore extends Store {
  /**
   * Every stored revision of the source, read once per import: a batch is then planned without a
   * query, and the planner does not depend on the database's statistics (PostgreSQL chose a
   * sequential scan for `id IN (…)` on a table that grew within the import's own transaction).
   * 400,000 revisions take about 60 MB.
   */
  async revisions(source: string): Promise<Map<string, StoredRevision>> {
    const stored = new Map<string, StoredRevision>();
    const rows = await this.db
      .selectFrom("source_records")
      .select(["id", "modified", "digest", "imported_at", "first_imported_at"])
      .where("source", "=", source)
      .execute();
    for (const row of rows) {
      stored.set(row.id, {
        id: row.id,
        modified: row.modified,
        digest: row.digest,
        importedAt: row.imported_at,
        firstImportedAt: row.first_imported_at,
      });
    }
    return stored;
  }

  /**
   * Write new records and newer revisions of stored ones (the replaced revision goes to history,
   * its products are named anew), as planned by core's planRevisions. Run it in a unit of work.
   */
  async writeRecords(
    source: string,
    insert: readonly PreparedRecord[],
    replace: readonly PreparedRecord[],
    stored: ReadonlyMap<string, StoredRevision>,
    now: string,
  ): Promise<void> {
    const history = replace.map((record) => {
      const old = stored.get(record.id) as StoredRevision;
      return {
        source,
        id: old.id,
        modified: old.modified,
        digest: old.digest,
        imported_at: old.importedAt,
        replaced_at: now,
      };
    });
    // A revision may come back after a newer one replaced it (a file imported out of order, then its
    // successor again): the history keeps one row per instant.
    await upsertRows(this.db, "source_record_history", history, ["source", "id", "modified"]);
    for (const ids of chunk(
      replace.map((record) => record.id),
      1000,
    )) {
      await this.db.deleteFrom("record_products").where("source", "=", source).where("record_id", "in", ids).execute();
    }
    const row = (record: PreparedRecord, firstImportedAt: string) => ({
      source,
      id: record.id,
      modified: record.modified,
      published: record.published,
      withdrawn: record.withdrawn,
      status: record.status,
      summary: record.summary,
      cvss_score: record.cvssScore,
      cvss_version: record.cvssVersion,
      digest: record.digest,
      document: record.document,
      imported_at: now,
      first_imported_at: firstImportedAt,
    });
    // New records, most of a first import, go the bulk way; replacements are upserts.
    await bulkInsertRows(
      this.db,
      "source_records",
      RECORD_COLUMNS,
      insert.map((record) => {
        const values = row(record, now);
        return RECORD_COLUMNS.map((column) => values[column]);
      }),
    );
    await upsertRows(
      this.db,
      "source_records",
      replace.map((record) => row(record, (stored.get(record.id) as StoredRevision).firstImportedAt)),
      ["source", "id"],
    );
    const products: unknown[][] = [];
    for (const record of [...insert, ...replace]) {
      for (const { part, vendor, product, vulnerable } of record.products) {
        products.push([vendor, product, part, source, record.id, vulnerable ? 1 : 0]);
      }
    }
    // In key order, each statement's rows land on neighbouring pages of the clustered index.
    products.sort(compareKeys);
    await bulkInsertRows(
      this.db,
      "record_products",
      ["vendor", "product", "part", "source", "record_id", "vulnerable"],
      products,
    );
  }

  /** Whether a file of these bytes was applied whole. */
  async fileApplied(source: string, digest: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("source_files")
      .select("digest")
      .where("source", "=", source)
      .where("digest", "=", digest)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Record a file applied whole; the same bytes again change nothing. */
  async recordFile(source: string, digest: string, name: string, records: number, now: string): Promise<void> {
    await this.db
      .insertInto("source_files")
      .values({ source, digest, name, records, imported_at: now })
      .onConflict((conflict) => conflict.columns(["source", "digest"]).doNothing())
      .execute();
  }

  /** How many records a source has stored. */
  async count(source: string): Promise<number> {
    const row = await this.db
      .selectFrom("source_records")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("source", "=", source)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

/** Order of product rows by their key (vendor, product, part, source, record); byte order, as the index's. */
function compareKeys(a: readonly unknown[], b: readonly unknown[]): number {
  for (let at = 0; at < 5; at++) {
    const x = a[at] as string;
    const y = b[at] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
