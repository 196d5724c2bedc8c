import type { EpssFileInfo, EpssScore, KevEntry, StoredEpssScore, StoredKevEntry } from "@fleetpatch/core";
import { chunk, upsertRows } from "../store/batch.js";
import { Store } from "../store/unit-of-work.js";

/** KEV entries and catalogs, EPSS scores and their history: enrichments keyed by CVE id (docs/adr/0026). */
export class EnrichmentStore extends Store {
  /** Every stored KEV entry by CVE id (the catalog holds a few thousand). */
  async kevEntries(): Promise<Map<string, StoredKevEntry>> {
    const rows = await this.db.selectFrom("kev_entries").selectAll().execute();
    return new Map(
      rows.map((row) => [
        row.cve_id,
        {
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
        },
      ]),
    );
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

  /** The stored latest EPSS score of each of these CVEs that has one. */
  async epssScores(cveIds: readonly string[]): Promise<Map<string, StoredEpssScore>> {
    const stored = new Map<string, StoredEpssScore>();
    for (const part of chunk(cveIds, 1000)) {
      const rows = await this.db
        .selectFrom("epss_scores")
        .select(["cve_id", "epss", "percentile", "score_date", "model_version"])
        .where("cve_id", "in", part)
        .execute();
      for (const row of rows) {
        stored.set(row.cve_id, {
          cveId: row.cve_id,
          epss: Number(row.epss),
          percentile: Number(row.percentile),
          scoreDate: row.score_date,
          modelVersion: row.model_version,
        });
      }
    }
    return stored;
  }

  /** Write new and changed latest scores and the history rows of changed scores. */
  async writeEpss(
    scores: readonly EpssScore[],
    history: readonly EpssScore[],
    file: EpssFileInfo,
    now: string,
  ): Promise<void> {
    await upsertRows(
      this.db,
      "epss_scores",
      scores.map((score) => ({
        cve_id: score.cveId,
        epss: score.epss,
        percentile: score.percentile,
        score_date: file.scoreDate,
        model_version: file.modelVersion,
        updated_at: now,
      })),
      ["cve_id"],
    );
    if (file.scoreDate === null) return;
    const scoreDate = file.scoreDate;
    await upsertRows(
      this.db,
      "epss_history",
      history.map((score) => ({
        cve_id: score.cveId,
        score_date: scoreDate,
        epss: score.epss,
        percentile: score.percentile,
        model_version: file.modelVersion,
      })),
      ["cve_id", "score_date"],
    );
  }
}
