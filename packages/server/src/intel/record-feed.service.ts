import { planRevisions } from "@fleetpatch/core";
import type { Clock, FileSource } from "../platform/index.js";
import type { UnitOfWork, UnitOfWorkScope } from "../store/unit-of-work.js";
import { type FeedBatch, readFeedBytes } from "./feed-file.js";
import { type FeedReader, inlineFeedReader, workerFeedReader } from "./feed-reader.js";
import type { SourceRecordStore, StoredRevision } from "./source-record.store.js";
import type { RecordFeedSource } from "./sources/source.js";

/** What importing record-feed files changed; the record counts add up to the records read. */
export interface RecordFeedImportResult {
  readonly source: string;
  readonly files: number;
  /** Files whose bytes were applied before: skipped unread. */
  readonly filesUnchanged: number;
  readonly records: number;
  readonly inserted: number;
  readonly updated: number;
  /** The stored revision again (same bytes, or the same instant in another serialisation). */
  readonly unchanged: number;
  /** Older than the stored revision: not written. */
  readonly older: number;
}

/** Below this many bytes (as stored) the files are read on the calling thread: a reader thread costs ~100 ms to start. */
export const FEED_WORKER_THRESHOLD_BYTES = 4 * 1024 * 1024;

/**
 * Imports files of record feeds (NVD): each file streamed record by record, parsed by its source
 * (in reader threads for large imports), compared with the stored revisions and written in
 * batches. All files of one import are one unit of work, so it lands whole or not at all; a file
 * whose bytes were applied before is skipped unread, a record whose bytes are stored is skipped
 * unparsed (docs/adr/0027).
 */
export class RecordFeedService {
  private readonly inline: FeedReader;
  private readonly threaded: FeedReader;

  constructor(
    private readonly deps: {
      readonly unitOfWork: UnitOfWork;
      readonly records: SourceRecordStore;
      readonly files: FileSource;
      readonly clock: Clock;
      /** The most bytes a feed file may hold, decompressed (default MAX_FEED_BYTES). */
      readonly maxFeedBytes?: number;
      /** From how many bytes in all the files are read in reader threads (default FEED_WORKER_THRESHOLD_BYTES). */
      readonly workerThresholdBytes?: number;
    },
  ) {
    this.inline = inlineFeedReader(deps.files, deps.maxFeedBytes);
    this.threaded =
      deps.maxFeedBytes === undefined ? workerFeedReader() : workerFeedReader({ maxFeedBytes: deps.maxFeedBytes });
  }

  /** Import the files of one source. */
  async importFiles(
    source: RecordFeedSource,
    paths: readonly string[],
    onFile?: (path: string, done: number) => void,
  ): Promise<RecordFeedImportResult> {
    const now = this.deps.clock.now().toISOString();
    return this.deps.unitOfWork.transaction(
      async (scope) => {
        const { store, stored, known, counts } = await this.begin(scope, source, paths.length);
        let done = 0;
        const digests = new Map<string, string>();
        let bytes = 0;
        for (const path of paths) {
          const { digest, bytes: size } = await this.deps.files.fingerprint(path);
          if (await store.fileApplied(source.name, digest)) {
            counts.filesUnchanged++;
            onFile?.(path, ++done);
          } else {
            digests.set(path, digest);
            bytes += size;
          }
        }
        const write = this.writer(store, source, stored, known, counts, now);
        const reader =
          bytes >= (this.deps.workerThresholdBytes ?? FEED_WORKER_THRESHOLD_BYTES) ? this.threaded : this.inline;
        if (digests.size > 0) {
          await reader.readFiles(source, [...digests.keys()], known, {
            batch: (_path, batch) => write(batch),
            fileEnd: async (path, records) => {
              await store.recordFile(source.name, digests.get(path) as string, path, records, now);
              onFile?.(path, ++done);
            },
          });
        }
        return { source: source.name, ...counts };
      },
      { bulk: true },
    );
  }

  /**
   * Import one document already in memory (an API page) in one unit of work, with `also` run in
   * the same unit of work (the sync's cursor), so the page and where to go on land together.
   */
  async importBytes(
    source: RecordFeedSource,
    location: string,
    bytes: Uint8Array,
    also?: (scope: UnitOfWorkScope) => Promise<void>,
  ): Promise<RecordFeedImportResult> {
    const now = this.deps.clock.now().toISOString();
    return this.deps.unitOfWork.transaction(async (scope) => {
      const { store, stored, known, counts } = await this.begin(scope, source, 1);
      await readFeedBytes(bytes, source, location, known, this.writer(store, source, stored, known, counts, now));
      await also?.(scope);
      return { source: source.name, ...counts };
    });
  }

  /** What an import starts from: the source's stored revisions, their digests, zero counts. */
  private async begin(scope: UnitOfWorkScope, source: RecordFeedSource, files: number) {
    const store = this.deps.records.in(scope);
    const stored = await store.revisions(source.name);
    const known = new Set([...stored.values()].map((revision) => revision.digest));
    const counts = { files, filesUnchanged: 0, records: 0, inserted: 0, updated: 0, unchanged: 0, older: 0 };
    return { store, stored, known, counts };
  }

  /** Plan and write batches against the revisions stored, keeping them current for the rest of the import. */
  private writer(
    store: SourceRecordStore,
    source: RecordFeedSource,
    stored: Map<string, StoredRevision>,
    known: Set<string>,
    counts: { records: number; inserted: number; updated: number; unchanged: number; older: number },
    now: string,
  ): (batch: FeedBatch) => Promise<void> {
    return async (batch) => {
      counts.records += batch.records.length + batch.unchanged;
      counts.unchanged += batch.unchanged;
      if (batch.records.length === 0) return;
      const plan = planRevisions(stored, batch.records);
      await store.writeRecords(source.name, plan.insert, plan.replace, stored, now);
      // What was written is the stored revision for the rest of the import.
      for (const record of [...plan.insert, ...plan.replace]) {
        const firstImportedAt = stored.get(record.id)?.firstImportedAt ?? now;
        stored.set(record.id, {
          id: record.id,
          modified: record.modified,
          digest: record.digest,
          importedAt: now,
          firstImportedAt,
        });
        known.add(record.digest);
      }
      counts.inserted += plan.insert.length;
      counts.updated += plan.replace.length;
      counts.unchanged += plan.unchanged;
      counts.older += plan.older;
    };
  }
}
