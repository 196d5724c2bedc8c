import { newId } from "../store/batch.js";
import { Store } from "../store/unit-of-work.js";

/** An interrupted sync's position: the window it was in and the next page's start index. */
export interface SyncCursor {
  readonly window: { readonly start: string | null; readonly end: string };
  /** The windows still to do after this one. */
  readonly rest: ReadonlyArray<{ readonly start: string | null; readonly end: string }>;
  readonly startIndex: number;
}

/** Where a source's sync stands. */
export interface SyncState {
  readonly syncedUntil: string | null;
  readonly cursor: SyncCursor | null;
  readonly lastSuccessAt: string | null;
  readonly lastAttemptAt: string | null;
  readonly lastError: string | null;
}

/** Sync state and runs of the online sources. */
export class IntelSyncStore extends Store {
  async state(source: string): Promise<SyncState> {
    const row = await this.db
      .selectFrom("intel_sync_state")
      .selectAll()
      .where("source", "=", source)
      .executeTakeFirst();
    return {
      syncedUntil: row?.synced_until ?? null,
      cursor: row?.cursor ? (JSON.parse(row.cursor) as SyncCursor) : null,
      lastSuccessAt: row?.last_success_at ?? null,
      lastAttemptAt: row?.last_attempt_at ?? null,
      lastError: row?.last_error ?? null,
    };
  }

  /** Write the parts of the state given. */
  async update(
    source: string,
    changes: Partial<{
      syncedUntil: string | null;
      cursor: SyncCursor | null;
      lastSuccessAt: string;
      lastAttemptAt: string;
      lastError: string | null;
    }>,
  ): Promise<void> {
    const set: Record<string, string | null> = {};
    if ("syncedUntil" in changes) set.synced_until = changes.syncedUntil ?? null;
    if ("cursor" in changes) set.cursor = changes.cursor ? JSON.stringify(changes.cursor) : null;
    if (changes.lastSuccessAt !== undefined) set.last_success_at = changes.lastSuccessAt;
    if (changes.lastAttemptAt !== undefined) set.last_attempt_at = changes.lastAttemptAt;
    if ("lastError" in changes) set.last_error = changes.lastError ?? null;
    await this.db
      .insertInto("intel_sync_state")
      .values({
        source,
        synced_until: null,
        cursor: null,
        last_success_at: null,
        last_attempt_at: null,
        last_error: null,
        ...set,
      })
      .onConflict((conflict) => conflict.column("source").doUpdateSet(set))
      .execute();
  }

  /** Every source's sync state, by source. */
  async states(): Promise<Map<string, SyncState>> {
    const rows = await this.db.selectFrom("intel_sync_state").selectAll().execute();
    return new Map(
      rows.map((row) => [
        row.source,
        {
          syncedUntil: row.synced_until,
          cursor: row.cursor ? (JSON.parse(row.cursor) as SyncCursor) : null,
          lastSuccessAt: row.last_success_at,
          lastAttemptAt: row.last_attempt_at,
          lastError: row.last_error,
        },
      ]),
    );
  }

  /** How many records each source holds: record feeds, OSV advisories, KEV entries, EPSS scores. */
  async recordCounts(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    const feeds = await this.db
      .selectFrom("source_records")
      .select(["source", (eb) => eb.fn.countAll<number | string>().as("n")])
      .groupBy("source")
      .execute();
    for (const row of feeds) counts.set(row.source, Number(row.n));
    const count = async (table: "vulnerabilities" | "kev_entries" | "epss_scores") =>
      Number(
        (
          await this.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number | string>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    counts.set("osv", await count("vulnerabilities"));
    counts.set("kev", await count("kev_entries"));
    counts.set("epss", await count("epss_scores"));
    return counts;
  }

  async startRun(source: string, now: string): Promise<string> {
    const id = newId();
    await this.db
      .insertInto("intel_sync_runs")
      .values({
        id,
        source,
        started_at: now,
        ended_at: null,
        pages: 0,
        records: 0,
        inserted: 0,
        updated: 0,
        error: null,
      })
      .execute();
    return id;
  }

  async endRun(
    id: string,
    now: string,
    counts: { pages: number; records: number; inserted: number; updated: number },
    error: string | null,
  ): Promise<void> {
    const { pages, records, inserted, updated } = counts;
    await this.db
      .updateTable("intel_sync_runs")
      .set({ ended_at: now, pages, records, inserted, updated, error })
      .where("id", "=", id)
      .execute();
  }
}
