import { availableParallelism } from "node:os";
import { appErrorFromSerialized, isAppError, type SerializedAppError, serializeAppError } from "@fleetpatch/core";
import type { FileSource } from "../platform/index.js";
import { spawnWorker } from "../platform/worker-thread.js";
import { type FeedBatch, MAX_FEED_BYTES, readFeedFile } from "./feed-file.js";
import type { RecordFeedSource } from "./sources/source.js";

/** Where a reader hands what it read: awaited, so a slow writer holds the readers back. */
export interface FeedSink {
  batch(path: string, batch: FeedBatch): Promise<void>;
  /** The file's last batch was handed over; it held `records` records. */
  fileEnd(path: string, records: number): Promise<void>;
}

/** Reads feed files for an import (docs/adr/0027). */
export interface FeedReader {
  readFiles(
    source: RecordFeedSource,
    paths: readonly string[],
    known: ReadonlySet<string>,
    sink: FeedSink,
  ): Promise<void>;
}

/** Reading on the calling thread, file after file: for small imports, where a worker costs more than it saves. */
export function inlineFeedReader(files: FileSource, maxFeedBytes = MAX_FEED_BYTES): FeedReader {
  return {
    async readFiles(source, paths, known, sink) {
      for (const path of paths) {
        const records = await readFeedFile(
          files,
          source,
          path,
          known,
          (batch) => sink.batch(path, batch),
          maxFeedBytes,
        );
        await sink.fileEnd(path, records);
      }
    },
  };
}

/** Messages between the import and its reader threads. */
export type FeedWorkerRequest = { readonly type: "read"; readonly path: string } | { readonly type: "ack" };
export type FeedWorkerMessage =
  | { readonly type: "batch"; readonly path: string; readonly batch: FeedBatch }
  | { readonly type: "end"; readonly path: string; readonly records: number }
  | { readonly type: "error"; readonly error: SerializedFeedError };
export type SerializedFeedError =
  | ({ readonly kind: "app" } & SerializedAppError)
  | { readonly kind: "bug"; readonly message: string };

/** What a reader thread is started with. */
export interface FeedWorkerData {
  readonly source: string;
  readonly known: readonly string[];
  readonly maxFeedBytes: number;
}

/** Batches a reader thread may hand over before the import has written them. */
export const FEED_WORKER_CREDITS = 2;

export function serializeFeedError(error: unknown): SerializedFeedError {
  return isAppError(error)
    ? { kind: "app", ...serializeAppError(error) }
    : { kind: "bug", message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

/**
 * Reading in worker threads, one file at a time each, while the calling thread writes: reading
 * (decompressing, scanning, parsing, validating) costs more than writing, and on two cores the
 * two overlap. Files go to whichever thread is free; their batches are written as they come,
 * which the import's newest-revision-wins plan makes independent of order.
 */
export function workerFeedReader(
  options: { readonly threads?: number; readonly maxFeedBytes?: number } = {},
): FeedReader {
  return {
    readFiles(source, paths, known, sink) {
      const threads = Math.max(1, Math.min(paths.length, options.threads ?? Math.min(2, availableParallelism())));
      const waiting = [...paths];
      const data: FeedWorkerData = {
        source: source.name,
        known: [...known],
        maxFeedBytes: options.maxFeedBytes ?? MAX_FEED_BYTES,
      };
      return new Promise<void>((resolve, reject) => {
        const workers = new Set<ReturnType<typeof spawnWorker>>();
        // One chain writes everything, in the order it arrives.
        let writing: Promise<void> = Promise.resolve();
        let failed = false;
        const fail = (error: unknown): void => {
          if (failed) return;
          failed = true;
          for (const worker of workers) void worker.terminate();
          reject(error);
        };
        const next = (worker: ReturnType<typeof spawnWorker>): void => {
          const path = waiting.shift();
          if (path !== undefined) {
            worker.postMessage({ type: "read", path } satisfies FeedWorkerRequest);
            return;
          }
          workers.delete(worker);
          void worker.terminate();
          if (workers.size === 0) writing.then(resolve, fail);
        };
        for (let count = 0; count < threads; count++) {
          const worker = spawnWorker(import.meta.url, "feed-reader.worker", data, { maxOldGenerationSizeMb: 512 });
          workers.add(worker);
          worker.on("message", (message: FeedWorkerMessage) => {
            writing = writing.then(async () => {
              if (failed) return;
              if (message.type === "batch") {
                await sink.batch(message.path, message.batch);
                worker.postMessage({ type: "ack" } satisfies FeedWorkerRequest);
              } else if (message.type === "end") {
                await sink.fileEnd(message.path, message.records);
                next(worker);
              } else {
                throw message.error.kind === "app"
                  ? appErrorFromSerialized(message.error)
                  : new Error(message.error.message);
              }
            });
            writing.catch(fail);
          });
          worker.on("error", fail);
          worker.on("exit", (code) => {
            if (workers.has(worker) && !failed) fail(new Error(`a feed reader thread stopped (exit code ${code})`));
          });
          next(worker);
        }
      });
    },
  };
}
