import type { Advisory, AdvisorySource } from "@fleetpatch/core";
import type { Insertable } from "kysely";
import { chunk, insertRows } from "../store/batch.js";
import type { AffectedPackageTable, VulnerabilityAliasTable } from "../store/schema.js";
import { Store } from "../store/unit-of-work.js";

/** Counts of what an intelligence import changed. */
export interface IntelWriteResult {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}

/** Vulnerabilities, their aliases and their affected packages. */
export class IntelStore extends Store {
  /**
   * Insert or replace advisories. An advisory whose `modified` equals the stored one is skipped, so
   * re-importing a whole feed only writes what changed upstream. Run it in a unit of work.
   */
  async upsertAdvisories(
    advisories: readonly Advisory[],
    source: AdvisorySource,
    now: string,
  ): Promise<IntelWriteResult> {
    const latest = new Map<string, Advisory>();
    for (const advisory of advisories) latest.set(advisory.id, advisory);
    const stored = new Map<string, string>();
    for (const ids of chunk([...latest.keys()], 1000)) {
      const rows = await this.db
        .selectFrom("vulnerabilities")
        .select(["id", "modified"])
        .where("id", "in", ids)
        .execute();
      for (const row of rows) stored.set(row.id, row.modified);
    }
    const changed = [...latest.values()].filter((advisory) => stored.get(advisory.id) !== advisory.modified);
    const existingIds = changed.filter((advisory) => stored.has(advisory.id)).map((advisory) => advisory.id);
    for (const ids of chunk(existingIds, 1000)) {
      await this.db.deleteFrom("vulnerability_aliases").where("vulnerability_id", "in", ids).execute();
      await this.db.deleteFrom("affected_packages").where("vulnerability_id", "in", ids).execute();
    }
    for (const part of chunk(changed, 500)) {
      await this.db
        .insertInto("vulnerabilities")
        .values(
          part.map((advisory) => ({
            id: advisory.id,
            preferred_id: advisory.preferredId,
            summary: advisory.summary,
            published: advisory.published,
            modified: advisory.modified,
            withdrawn: advisory.withdrawn,
            source,
            record: advisory.record,
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
    for (const advisory of changed) {
      for (const alias of advisory.aliases) aliases.push({ vulnerability_id: advisory.id, alias });
      advisory.affected.forEach((entry, index) => {
        affected.push({
          id: `${advisory.id}#${index}`,
          vulnerability_id: advisory.id,
          ecosystem: entry.ecosystem,
          purl_type: entry.key.type,
          purl_namespace: entry.key.namespace ?? "",
          purl_name: entry.key.name,
          release: entry.release,
          ranges: JSON.stringify(entry.ranges),
          versions: JSON.stringify(entry.versions),
          skipped: JSON.stringify(entry.skipped),
        });
      });
    }
    await insertRows(this.db, "vulnerability_aliases", aliases);
    await insertRows(this.db, "affected_packages", affected);
    return {
      inserted: changed.length - existingIds.length,
      updated: existingIds.length,
      unchanged: latest.size - changed.length,
    };
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
