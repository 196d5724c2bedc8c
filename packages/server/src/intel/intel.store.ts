import type { Advisory, AdvisorySource } from "@fleetpatch/core";
import type { Insertable } from "kysely";
import { chunk, insertRows } from "../store/batch.js";
import type { AffectedPackageTable, VulnerabilityAliasTable } from "../store/schema.js";
import { Store } from "../store/unit-of-work.js";

/** Vulnerabilities, their aliases and their affected packages. */
export class IntelStore extends Store {
  /** The stored `modified` text of each of these ids that is stored. */
  async modifiedOf(ids: readonly string[]): Promise<Map<string, string>> {
    const stored = new Map<string, string>();
    for (const part of chunk([...new Set(ids)], 1000)) {
      const rows = await this.db
        .selectFrom("vulnerabilities")
        .select(["id", "modified"])
        .where("id", "in", part)
        .execute();
      for (const row of rows) stored.set(row.id, row.modified);
    }
    return stored;
  }

  /**
   * Write new advisories and replace stored ones (their aliases and affected packages with them),
   * as planned by core's planAdvisoryChanges. Run it in a unit of work.
   */
  async writeAdvisories(
    insert: readonly Advisory[],
    replace: readonly Advisory[],
    source: AdvisorySource,
    now: string,
  ): Promise<void> {
    const changed = [...insert, ...replace];
    for (const ids of chunk(
      replace.map((advisory) => advisory.id),
      1000,
    )) {
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
