import {
  EPSS_MAX_LINE_LENGTH,
  type EpssScore,
  InputError,
  type KevCatalog,
  parseJsonText,
  planEpssChanges,
  planKevChanges,
} from "@fleetpatch/core";
import type { Clock, FileSource } from "../platform/index.js";
import type { UnitOfWork } from "../store/unit-of-work.js";
import type { EnrichmentStore } from "./enrichment.store.js";
import type { EpssSource, KevSource } from "./sources/source.js";

/** What importing one KEV file changed. */
export interface KevImportResult {
  readonly source: "kev";
  readonly path: string;
  readonly format: "json" | "csv";
  readonly catalogVersion: string | null;
  readonly records: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Entries a complete catalog no longer lists, now marked removed. */
  readonly removed: number;
  /** True when the catalog is older than one applied: nothing was written. */
  readonly older: boolean;
}

/** What importing one EPSS file changed. */
export interface EpssImportResult {
  readonly source: "epss";
  readonly path: string;
  readonly scoreDate: string | null;
  readonly modelVersion: string | null;
  readonly records: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly older: number;
  readonly historyRows: number;
}

/** KEV catalogs are a megabyte or two (JSON or CSV, decompressed when gzip); anything past this is not one. */
const MAX_KEV_JSON_BYTES = 64 * 1024 * 1024;
/**
 * The official EPSS CSV is about 10 MB (300k rows, some 30 bytes each); decompressed input past
 * this (2 million rows) is refused as a possible decompression bomb.
 */
export const MAX_EPSS_BYTES = 64 * 1024 * 1024;
/** EPSS rows compared and written together, inside the file's one unit of work. */
const EPSS_BATCH = 5_000;

/** Imports KEV and EPSS files: each file one unit of work, lands whole or not at all. */
export class EnrichmentService {
  constructor(
    private readonly deps: {
      readonly unitOfWork: UnitOfWork;
      readonly enrichment: EnrichmentStore;
      readonly files: FileSource;
      readonly clock: Clock;
      /** The most bytes an EPSS file may hold, decompressed (default MAX_EPSS_BYTES). */
      readonly maxEpssBytes?: number;
    },
  ) {}

  /** Import one KEV catalog file (JSON or CSV, told apart by `head`). */
  async importKevFile(source: KevSource, path: string, head: string): Promise<KevImportResult> {
    let catalog: KevCatalog;
    if (source.isJson(head)) {
      const text = await this.deps.files.readText(path, { gunzip: true, maxBytes: MAX_KEV_JSON_BYTES });
      catalog = source.parseJson(parseJsonText(text, path), path);
    } else {
      const reader = source.csvReader(path);
      let line = 0;
      for await (const text of this.deps.files.readLines(path, { gunzip: true, maxBytes: MAX_KEV_JSON_BYTES }))
        reader.line(text, ++line);
      catalog = reader.end();
    }
    const now = this.deps.clock.now().toISOString();
    return this.deps.unitOfWork.transaction(async (scope) => {
      const store = this.deps.enrichment.in(scope);
      const plan = planKevChanges(await store.kevEntries(), await store.kevReleases(), catalog);
      if (!plan.older) {
        await store.writeKev([...plan.insert, ...plan.update], plan.markRemoved, plan.removedIn, now);
        if (catalog.catalogVersion !== null && catalog.dateReleased !== null) {
          await store.recordKevCatalog(catalog.catalogVersion, catalog.dateReleased, catalog.entries.length, now);
        }
      }
      return {
        source: "kev",
        path,
        format: catalog.format,
        catalogVersion: catalog.catalogVersion,
        records: catalog.entries.length,
        inserted: plan.insert.length,
        updated: plan.update.length,
        unchanged: plan.unchanged,
        removed: plan.markRemoved.length,
        older: plan.older,
      };
    });
  }

  /**
   * Import one EPSS file, streamed: rows are compared and written in batches inside one unit of
   * work, so memory holds one batch and a bad row on the last line leaves nothing written.
   */
  async importEpssFile(source: EpssSource, path: string, scoreDate: string | null): Promise<EpssImportResult> {
    const reader = source.reader(path, scoreDate);
    const now = this.deps.clock.now().toISOString();
    return this.deps.unitOfWork.transaction(async (scope) => {
      const store = this.deps.enrichment.in(scope);
      const seen = new Set<string>();
      const counts = { records: 0, inserted: 0, updated: 0, unchanged: 0, older: 0, historyRows: 0 };
      let batch: EpssScore[] = [];
      const flush = async (): Promise<void> => {
        if (batch.length === 0) return;
        const info = reader.info();
        const plan = planEpssChanges(await store.epssScores(batch.map((row) => row.cveId)), batch, info);
        await store.writeEpss(plan, info, now);
        counts.inserted += plan.insert.length;
        counts.updated += plan.update.length;
        counts.unchanged += plan.unchanged;
        counts.older += plan.older;
        counts.historyRows += plan.history.length;
        batch = [];
      };
      let line = 0;
      for await (const text of this.deps.files.readLines(path, {
        gunzip: true,
        maxBytes: this.deps.maxEpssBytes ?? MAX_EPSS_BYTES,
        maxLineLength: EPSS_MAX_LINE_LENGTH,
      })) {
        const score = reader.line(text, ++line);
        if (score === null) continue;
        if (seen.has(score.cveId)) {
          throw new InputError(`line ${line}: ${score.cveId} is listed twice in the file`, { location: path });
        }
        seen.add(score.cveId);
        batch.push(score);
        counts.records++;
        if (batch.length >= EPSS_BATCH) await flush();
      }
      const info = reader.info();
      await flush();
      return { source: "epss", path, scoreDate: info.scoreDate, modelVersion: info.modelVersion, ...counts };
    });
  }
}
