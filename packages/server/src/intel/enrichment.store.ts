import type { EpssFileInfo, EpssPlan, EpssScore, KevEntry, StoredEpssScore, StoredKevEntry } from "@fleetpatch/core";
import type { Selectable } from "kysely";
import { chunk, insertRows, upsertRows } from "../store/batch.js";
import type { KevEntryTable } from "../store/schema.js";
import { Store } from "../store/unit-of-work.js";

/** A stored KEV row as core's entry. */
function kevEntryOf(row: Selectable<KevEntryTable>): StoredKevEntry {
  return {
    cveId: row.cve_id,
    vendorProject: row.vendor_project,
    product: row.product,
    vulnerabilityName: row.vulnerability_name,
    dateAdded: row.date_added,
    shortDescription: row.short_description,
    requiredAction: row.required_action,
    dueDate: row.due_date,
    knownRansomwareCampaignUse: row.known_ransomware_use,
    notes: row.notes,
    cwes: JSON.parse(row.cwes) as string[],
    removedIn: row.removed_in,
  };
}

/** KEV entries and catalogs, EPSS scores and their history: enrichments keyed by CVE id (docs/adr/0026). */
export class EnrichmentStore extends Store {
  /** Every stored KEV entry by CVE id (the catalog holds a few thousand). */
  async kevEntries(): Promise<Map<string, StoredKevEntry>> {
    const rows = await this.db.selectFrom("kev_entries").selectAll().execute();
    return new Map(rows.map((row) => [row.cve_id, kevEntryOf(row)]));
  }

  /** The KEV entry of one CVE, if CISA lists (or listed) it. */
  async kevEntry(cveId: string): Promise<StoredKevEntry | null> {
    const row = await this.db.selectFrom("kev_entries").selectAll().where("cve_id", "=", cveId).executeTakeFirst();
    return row ? kevEntryOf(row) : null;
  }

  /** The release instants of the KEV catalogs applied. */
  async kevReleases(): Promise<string[]> {
    const rows = await this.db.selectFrom("kev_catalogs").select("date_released").execute();
    return rows.map((row) => row.date_released);
  }

  /** Write new and changed KEV entries (listed again, so not removed) and mark the absent ones removed. */
  async writeKev(
    entries: readonly KevEntry[],
    markRemoved: readonly string[],
    removedIn: string | null,
    now: string,
  ): Promise<void> {
    await upsertRows(
      this.db,
      "kev_entries",
      entries.map((entry) => ({
        cve_id: entry.cveId,
        vendor_project: entry.vendorProject,
        product: entry.product,
        vulnerability_name: entry.vulnerabilityName,
        date_added: entry.dateAdded,
        short_description: entry.shortDescription,
        required_action: entry.requiredAction,
        due_date: entry.dueDate,
        known_ransomware_use: entry.knownRansomwareCampaignUse,
        notes: entry.notes,
        cwes: JSON.stringify(entry.cwes),
        removed_in: null,
        updated_at: now,
      })),
      ["cve_id"],
    );
    for (const ids of chunk(markRemoved, 1000)) {
      await this.db
        .updateTable("kev_entries")
        .set({ removed_in: removedIn ?? "unknown", updated_at: now })
        .where("cve_id", "in", ids)
        .execute();
    }
  }

  /** Record an applied KEV JSON catalog; the same version again changes nothing. */
  async recordKevCatalog(version: string, released: string, entryCount: number, now: string): Promise<void> {
    await this.db
      .insertInto("kev_catalogs")
      .values({ catalog_version: version, date_released: released, entry_count: entryCount, imported_at: now })
      .onConflict((conflict) => conflict.column("catalog_version").doNothing())
      .execute();
  }

  /**
   * The stored latest EPSS score of each of these CVEs that has one. EPSS files list CVEs in
   * order, so a batch's stored scores are first read as one key range (one index range scan
   * instead of thousands of probes); a range holding many other CVEs falls back to id lists.
   */
  async epssScores(cveIds: readonly string[]): Promise<Map<string, StoredEpssScore>> {
    const stored = new Map<string, StoredEpssScore>();
    if (cveIds.length === 0) return stored;
    const wanted = new Set(cveIds);
    let least = cveIds[0] as string;
    let greatest = least;
    for (const id of cveIds) {
      if (id < least) least = id;
      if (id > greatest) greatest = id;
    }
    const columns = ["cve_id", "epss", "percentile", "score_date", "model_version"] as const;
    const limit = 2 * cveIds.length + 1;
    const ranged = await this.db
      .selectFrom("epss_scores")
      .select(columns)
      .where("cve_id", ">=", least)
      .where("cve_id", "<=", greatest)
      .limit(limit)
      .execute();
    let rows = ranged;
    if (ranged.length === limit) {
      rows = [];
      for (const part of chunk(cveIds, 1000)) {
        for (const row of await this.db
          .selectFrom("epss_scores")
          .select(columns)
          .where("cve_id", "in", part)
          .execute()) {
          rows.push(row);
        }
      }
    }
    for (const row of rows) {
      if (!wanted.has(row.cve_id)) continue;
      stored.set(row.cve_id, {
        cveId: row.cve_id,
        epss: Number(row.epss),
        percentile: Number(row.percentile),
        scoreDate: row.score_date,
        modelVersion: row.model_version,
      });
    }
    return stored;
  }

  /**
   * Write an EPSS plan: new scores and their history with plain multi-row INSERTs, changed ones
   * with upserts (a history row of the same date may exist when a file is corrected and imported again).
   */
  async writeEpss(plan: EpssPlan, file: EpssFileInfo, now: string): Promise<void> {
    const scoreRow = (score: EpssScore) => ({
      cve_id: score.cveId,
      epss: score.epss,
      percentile: score.percentile,
      score_date: file.scoreDate,
      model_version: file.modelVersion,
      updated_at: now,
    });
    await insertRows(this.db, "epss_scores", plan.insert.map(scoreRow));
    await upsertRows(this.db, "epss_scores", plan.update.map(scoreRow), ["cve_id"]);
    if (file.scoreDate === null) return;
    const scoreDate = file.scoreDate;
    const historyRow = (score: EpssScore) => ({
      cve_id: score.cveId,
      score_date: scoreDate,
      epss: score.epss,
      percentile: score.percentile,
      model_version: file.modelVersion,
    });
    const inserted = new Set(plan.insert.map((score) => score.cveId));
    const first = plan.history.filter((score) => inserted.has(score.cveId));
    const changed = plan.history.filter((score) => !inserted.has(score.cveId));
    await insertRows(this.db, "epss_history", first.map(historyRow));
    await upsertRows(this.db, "epss_history", changed.map(historyRow), ["cve_id", "score_date"]);
  }
}
