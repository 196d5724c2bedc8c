import type { Insertable, Kysely } from "kysely";
import { chunk, insertRows } from "../store/batch.js";
import type { AffectedPackageTable, Database, VulnerabilityAliasTable } from "../store/schema.js";
import type { ParsedOsvRecord } from "./osv.parser.js";

/** Counts of what an intelligence import changed. */
export interface IntelWriteResult {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}

/** Vulnerabilities, their aliases and their affected packages. */
export class IntelStore {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Insert or replace records in one transaction. A record whose `modified` equals the stored one
   * is skipped, so re-importing a whole feed only writes what changed upstream.
   */
  async upsertOsvRecords(records: readonly ParsedOsvRecord[], source: string, now: string): Promise<IntelWriteResult> {
    const latest = new Map<string, ParsedOsvRecord>();
    for (const record of records) latest.set(record.id, record);
    return this.db.transaction().execute(async (trx) => {
      const stored = new Map<string, string>();
      for (const ids of chunk([...latest.keys()], 1000)) {
        const rows = await trx
          .selectFrom("vulnerabilities")
          .select(["id", "modified"])
          .where("id", "in", ids)
          .execute();
        for (const row of rows) stored.set(row.id, row.modified);
      }
      const changed = [...latest.values()].filter((record) => stored.get(record.id) !== record.modified);
      const existingIds = changed.filter((record) => stored.has(record.id)).map((record) => record.id);
      for (const ids of chunk(existingIds, 1000)) {
        await trx.deleteFrom("vulnerability_aliases").where("vulnerability_id", "in", ids).execute();
        await trx.deleteFrom("affected_packages").where("vulnerability_id", "in", ids).execute();
      }
      for (const part of chunk(changed, 500)) {
        await trx
          .insertInto("vulnerabilities")
          .values(
            part.map((record) => ({
              id: record.id,
              preferred_id: record.preferredId,
              summary: record.summary,
              published: record.published,
              modified: record.modified,
              withdrawn: record.withdrawn,
              source,
              record: record.record,
              imported_at: now,
            })),
          )
          .onConflict((oc) =>
            oc.column("id").doUpdateSet((eb) => ({
              preferred_id: eb.ref("excluded.preferred_id"),
              summary: eb.ref("excluded.summary"),
              published: eb.ref("excluded.published"),
              modified: eb.ref("excluded.modified"),
              withdrawn: eb.ref("excluded.withdrawn"),
              source: eb.ref("excluded.source"),
              record: eb.ref("excluded.record"),
              imported_at: eb.ref("excluded.imported_at"),
            })),
          )
          .execute();
      }
      const aliases: Insertable<VulnerabilityAliasTable>[] = [];
      const affected: Insertable<AffectedPackageTable>[] = [];
      for (const record of changed) {
        for (const alias of record.aliases) aliases.push({ vulnerability_id: record.id, alias });
        record.affected.forEach((entry, index) => {
          affected.push({
            id: `${record.id}#${index}`,
            vulnerability_id: record.id,
            ecosystem: entry.affected.ecosystem,
            purl_type: entry.key.type,
            purl_namespace: entry.key.namespace ?? "",
            purl_name: entry.key.name,
            affected: JSON.stringify(entry.affected),
          });
        });
      }
      await insertRows(trx, "vulnerability_aliases", aliases);
      await insertRows(trx, "affected_packages", affected);
      return {
        inserted: changed.length - existingIds.length,
        updated: existingIds.length,
        unchanged: latest.size - changed.length,
      };
    });
  }

  /** How many vulnerabilities are stored. */
  async countVulnerabilities(): Promise<number> {
    const row = await this.db
      .selectFrom("vulnerabilities")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
