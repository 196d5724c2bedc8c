import { appErrorFromSerialized, UnavailableError } from "@fleetpatch/core";
import type { Config } from "../config/config.js";
import type { Logger } from "../platform/index.js";
import { spawnWorker } from "../platform/worker-thread.js";
import { executeJob, type Job, type JobOutcome, type JobResults, type JobServices } from "./jobs.js";

/** Runs long jobs off the request thread. */
export interface JobRunner {
  /** Run `job` in a worker thread; resolves with its result or rejects with its (typed) error. */
  run<J extends Job>(job: J): Promise<JobResults[J["kind"]]>;
  /** Jobs running or waiting. */
  readonly pending: number;
  /** Wait for running jobs, refuse new ones. */
  close(): Promise<void>;
}

/** Settings of the worker-thread runner. */
export interface WorkerJobRunnerOptions {
  /** Jobs that run at once; the rest wait in order. SQLite has one writer, so 1 by default. */
  readonly concurrency?: number;
  /** Heap limit of each job's worker: a job that needs more fails alone, the server keeps serving. */
  readonly maxHeapMb?: number;
}

/** Default heap of one job's worker. */
export const DEFAULT_JOB_HEAP_MB = 4096;

/**
 * One worker thread per job (docs/adr/0018): the job gets a fresh heap with its own limit, an
 * out-of-memory job ends its worker and not the server, and the memory goes back when it ends.
 * Starting a worker costs tens of milliseconds, which only jobs worth moving off the thread pay.
 */
export function workerJobRunner(config: Config, logger: Logger, options: WorkerJobRunnerOptions = {}): JobRunner {
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const maxHeapMb = options.maxHeapMb ?? DEFAULT_JOB_HEAP_MB;
  const waiting: Array<() => void> = [];
  const running = new Set<Promise<unknown>>();
  let active = 0;
  let closed = false;

  const slot = async () => {
    if (active < concurrency) {
      active++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };

  return {
    get pending() {
      return active + waiting.length;
    },
    run<J extends Job>(job: J): Promise<JobResults[J["kind"]]> {
      if (closed)
        return Promise.reject(new UnavailableError("the server is stopping; retry", { retryAfterSeconds: 5 }));
      const work = (async () => {
        await slot();
        try {
          return (await runInWorker(config, job, maxHeapMb, logger)) as JobResults[J["kind"]];
        } finally {
          release();
        }
      })();
      running.add(work);
      void work.catch(() => {}).finally(() => running.delete(work));
      return work;
    },
    async close() {
      closed = true;
      await Promise.allSettled([...running]);
    },
  };
}

function runInWorker(config: Config, job: Job, maxHeapMb: number, logger: Logger): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = spawnJobWorker({ config, job }, maxHeapMb);
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
    };
    worker.once("message", (outcome: JobOutcome) =>
      settle(() => {
        if (outcome.ok) return resolve(outcome.result);
        const { error } = outcome;
        if (error.kind === "app") {
          return reject(appErrorFromSerialized(error));
        }
        const bug = new Error(`${job.kind} job failed: ${error.message}`);
        if (error.stack) bug.stack = error.stack;
        reject(bug);
      }),
    );
    worker.once("error", (error: Error & { code?: string }) =>
      settle(() => {
        if (error.code === "ERR_WORKER_OUT_OF_MEMORY") {
          logger.warn({ job: job.kind, maxHeapMb }, "job ran out of memory");
          return reject(
            new UnavailableError(
              `the ${job.kind} job needed more than its ${maxHeapMb} MB heap and was stopped; the server kept running`,
            ),
          );
        }
        reject(error);
      }),
    );
    worker.once("exit", (code) =>
      settle(() => reject(new Error(`${job.kind} job's worker exited with code ${code} before answering`))),
    );
  });
}

/** The worker runs job-worker (compiled, or the TypeScript source under tests). */
function spawnJobWorker(workerData: unknown, maxHeapMb: number) {
  return spawnWorker(import.meta.url, "job-worker", workerData, { maxOldGenerationSizeMb: maxHeapMb });
}

/**
 * Jobs on the calling thread, in order: for an in-memory database, which a worker cannot open, and
 * for tests of the routes themselves.
 */
export function inlineJobRunner(services: JobServices): JobRunner {
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  return {
    get pending() {
      return pending;
    },
    run<J extends Job>(job: J): Promise<JobResults[J["kind"]]> {
      pending++;
      const work = tail.then(() => executeJob(services, job)).finally(() => pending--);
      tail = work.catch(() => {});
      return work as Promise<JobResults[J["kind"]]>;
    },
    async close() {
      await tail;
    },
  };
}
