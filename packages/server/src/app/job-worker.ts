import { parentPort, workerData } from "node:worker_threads";
import { isAppError, serializeAppError } from "@fleetpatch/core";
import type { Config } from "../config/config.js";
import { createContext } from "./context.js";
import { executeJob, type Job, type JobOutcome } from "./jobs.js";

/**
 * A worker thread that runs one job and ends: it opens its own context (its own database
 * connection, which may wait for SQLite's write lock without stalling the API), posts the outcome,
 * and exits, so whatever memory the job needed (a 200 MB SBOM parsed) goes with it.
 */
async function runJob(config: Config, job: Job): Promise<unknown> {
  const context = await createContext(config, {}, { role: "worker" });
  try {
    return await executeJob(context, job);
  } finally {
    await context.close();
  }
}

const { config, job } = workerData as { config: Config; job: Job };
let outcome: JobOutcome;
try {
  outcome = { ok: true, result: await runJob(config, job) };
} catch (error) {
  outcome = isAppError(error)
    ? { ok: false, error: { kind: "app", ...serializeAppError(error) } }
    : {
        ok: false,
        error: {
          kind: "bug",
          message: error instanceof Error ? error.message : String(error),
          ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
        },
      };
}
parentPort?.postMessage(outcome);
