import { parsePackageUrl, resolveComponentVersion } from "@fleetpatch/core";
import { type Kysely, type Migration, sql } from "kysely";

/** Rows are rewritten in slices of this many, so a migration of a large database stays bounded in memory. */
const SLICE = 1000;

/**
 * Issue 7 (docs/adr/0023): one component row per distinct component of an asset, and the
 * conflicts between a component's version field and its PURL made visible.
 *
 * - `components.occurrences`: how many entries of the SBOM the row stands for (identical entries
 *   collapse into one row); existing rows stood for one entry each.
 * - `components.identity_conflict`: why the SBOM's own facts disagree, or null. Existing rows
 *   stored the version field where it was given; where that disagrees with the PURL's version the
 *   row now holds the PURL's, as an import does from this release on, with the conflict noted,
 *   so matching treats old and new rows alike without a re-import.
 */
export const componentOccurrencesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // biome-ignore lint/suspicious/noExplicitAny: a migration speaks to the schema of its own moment, not the current types.
    const dbx = db as Kysely<any>;
    await db.schema
      .alterTable("components")
      .addColumn("occurrences", "integer", (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.alterTable("components").addColumn("identity_conflict", "text").execute();

    for (let after = ""; ; ) {
      const rows: Array<{ id: string; version: string | null; purl: string }> = await dbx
        .selectFrom("components")
        .select(["id", "version", "purl"])
        .where("purl", "is not", null)
        .where("id", ">", after)
        .orderBy("id")
        .limit(SLICE)
        .execute();
      if (rows.length === 0) return;
      after = rows[rows.length - 1]?.id ?? after;
      const changed = rows.flatMap((row) => {
        const resolved = resolveComponentVersion(row.version, parsePackageUrl(row.purl));
        return resolved.version === row.version && resolved.conflict === null ? [] : [{ id: row.id, ...resolved }];
      });
      if (changed.length === 0) continue;
      const caseOf = (value: (row: (typeof changed)[number]) => string | null) =>
        sql`case ${sql.join(
          changed.map((row) => sql`when id = ${row.id} then ${value(row)}`),
          sql` `,
        )} end`;
      await dbx
        .updateTable("components")
        .set({ version: caseOf((row) => row.version), identity_conflict: caseOf((row) => row.conflict) })
        .where(
          "id",
          "in",
          changed.map((row) => row.id),
        )
        .execute();
    }
  },
};
