import { parseOsvRecord, parsePurl } from "@fleetpatch/core";
import { type Kysely, type Migration, sql } from "kysely";

/** Rows are rewritten in slices of this many, so a migration of a large database stays bounded in memory. */
const SLICE = 1000;

/**
 * Visit a table's rows in id order, a slice at a time (keyset pagination). Migrations keep their
 * own helpers: they must behave tomorrow as they did the day they were released.
 */
async function forEachSlice<Row extends { id: string }>(
  read: (after: string, limit: number) => Promise<Row[]>,
  visit: (rows: Row[]) => Promise<void>,
): Promise<void> {
  for (let after = ""; ; ) {
    const rows = await read(after, SLICE);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]?.id ?? after;
    await visit(rows);
  }
}

/**
 * Issue 6: vers is the only range engine, releases scope matching, findings are resolved rather
 * than deleted.
 *
 * - `affected_packages` holds each affected entry's ranges as canonical vers (`ranges`), its
 *   explicit `versions`, the ranges that could not be converted (`skipped`) and the distribution
 *   `release` it is scoped to. The rows are rebuilt from the verbatim records in `vulnerabilities`
 *   with this release's parser, so nothing needs re-importing.
 * - `components.distro_release` holds the release key of the PURL's `distro` qualifier.
 * - `findings` keeps a snapshot of the component it was found on, and `resolved_at`/`resolution`;
 *   deleting a component no longer deletes its findings (ON DELETE SET NULL).
 */
export const versReleaseLifecycleMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // biome-ignore lint/suspicious/noExplicitAny: a migration speaks to the schema of its own moment, not the current types.
    const dbx = db as Kysely<any>;

    await db.schema.dropTable("affected_packages").execute();
    await db.schema
      .createTable("affected_packages")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("vulnerability_id", "text", (c) => c.notNull().references("vulnerabilities.id").onDelete("cascade"))
      .addColumn("ecosystem", "text", (c) => c.notNull())
      .addColumn("purl_type", "text", (c) => c.notNull())
      .addColumn("purl_namespace", "text", (c) => c.notNull())
      .addColumn("purl_name", "text", (c) => c.notNull())
      .addColumn("release", "text")
      .addColumn("ranges", "text", (c) => c.notNull())
      .addColumn("versions", "text", (c) => c.notNull())
      .addColumn("skipped", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("affected_packages_package_idx")
      .on("affected_packages")
      .columns(["purl_type", "purl_name", "purl_namespace"])
      .execute();
    await db.schema
      .createIndex("affected_packages_vulnerability_idx")
      .on("affected_packages")
      .column("vulnerability_id")
      .execute();
    await forEachSlice<{ id: string; record: string }>(
      (after, limit) =>
        dbx
          .selectFrom("vulnerabilities")
          .select(["id", "record"])
          .where("id", ">", after)
          .orderBy("id")
          .limit(limit)
          .execute(),
      async (rows) => {
        const inserts = rows.flatMap((row) =>
          parseOsvRecord(JSON.parse(row.record), row.id).affected.map((entry, index) => ({
            id: `${row.id}#${index}`,
            vulnerability_id: row.id,
            ecosystem: entry.ecosystem,
            purl_type: entry.key.type,
            purl_namespace: entry.key.namespace ?? "",
            purl_name: entry.key.name,
            release: entry.release,
            ranges: JSON.stringify(entry.ranges),
            versions: JSON.stringify(entry.versions),
            skipped: JSON.stringify(entry.skipped),
          })),
        );
        for (let start = 0; start < inserts.length; start += 500) {
          await dbx
            .insertInto("affected_packages")
            .values(inserts.slice(start, start + 500))
            .execute();
        }
      },
    );

    await db.schema.alterTable("components").addColumn("distro_release", "text").execute();
    await forEachSlice<{ id: string; purl: string }>(
      (after, limit) =>
        dbx
          .selectFrom("components")
          .select(["id", "purl"])
          .where("purl", "is not", null)
          .where("id", ">", after)
          .orderBy("id")
          .limit(limit)
          .execute(),
      async (rows) => {
        const releases = rows
          .map((row) => ({ id: row.id, release: parsePurl(row.purl).release }))
          .filter((row) => row.release !== null);
        if (releases.length === 0) return;
        await dbx
          .updateTable("components")
          .set({
            distro_release: sql`case ${sql.join(
              releases.map((row) => sql`when id = ${row.id} then ${row.release}`),
              sql` `,
            )} end`,
          })
          .where(
            "id",
            "in",
            releases.map((row) => row.id),
          )
          .execute();
      },
    );

    // Rebuilt rather than altered: SQLite cannot change a foreign key's ON DELETE in place.
    for (const index of ["findings_asset_idx", "findings_vulnerability_idx"]) {
      await db.schema.dropIndex(index).execute();
    }
    await db.schema.alterTable("findings").renameTo("findings_v1").execute();
    await db.schema
      .createTable("findings")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("asset_id", "text", (c) => c.notNull().references("assets.id").onDelete("cascade"))
      .addColumn("component_id", "text", (c) => c.references("components.id").onDelete("set null"))
      .addColumn("vulnerability_id", "text", (c) => c.notNull().references("vulnerabilities.id").onDelete("cascade"))
      .addColumn("component_name", "text", (c) => c.notNull())
      .addColumn("component_version", "text")
      .addColumn("component_purl", "text")
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("confidence", "text", (c) => c.notNull())
      .addColumn("evidence", "text", (c) => c.notNull())
      .addColumn("first_seen", "text", (c) => c.notNull())
      .addColumn("last_seen", "text", (c) => c.notNull())
      .addColumn("resolved_at", "text")
      .addColumn("resolution", "text")
      .addUniqueConstraint("findings_component_vulnerability_key", ["component_id", "vulnerability_id"])
      .execute();
    await sql`insert into findings (id, asset_id, component_id, vulnerability_id, component_name, component_version,
        component_purl, status, source, confidence, evidence, first_seen, last_seen, resolved_at, resolution)
      select f.id, f.asset_id, f.component_id, f.vulnerability_id, c.name, c.version, c.purl, f.status, f.source,
        f.confidence, f.evidence, f.first_seen, f.last_seen, null, null
      from findings_v1 f join components c on c.id = f.component_id`.execute(db);
    await db.schema.dropTable("findings_v1").execute();
    await db.schema.createIndex("findings_asset_idx").on("findings").columns(["asset_id", "status"]).execute();
    await db.schema.createIndex("findings_vulnerability_idx").on("findings").column("vulnerability_id").execute();
  },
};
