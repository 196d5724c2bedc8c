import { UnavailableError } from "@fleetpatch/core";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import { z } from "zod";
import { usersRoutes } from "../auth/index.js";
import { findingsRoutes } from "../findings/index.js";
import { errorSchema } from "../http/common.schema.js";
import { API_PREFIX, createHttpServer, type HttpServerOptions } from "../http/http-server.js";
import { listen, type RunningServer } from "../http/server.js";
import { intelRoutes, intelStatusRoutes, type SpooledOsvImporter, vulnerabilityRoutes } from "../intel/index.js";
import { inventoryRoutes, type SpooledSbomImporter } from "../inventory/index.js";
import type { SpooledFile } from "../platform/index.js";
import { pingDatabase } from "../store/database.js";
import type { AppContext } from "./context.js";
import { inlineJobRunner, type JobRunner, workerJobRunner } from "./job-runner.js";
import { executeJob, type Job, type JobResults } from "./jobs.js";
import { FLEETPATCH_VERSION } from "./version.js";

/** Bodies up to this size are imported on the request thread: parsing them takes milliseconds. */
export const INLINE_BODY_BYTES = 1024 * 1024;

/** What the application may be built with besides the context. */
export interface AppOptions {
  /** Where long jobs run; by default worker threads (inline for an in-memory database). */
  readonly jobs?: JobRunner;
  /** Client timeouts (tests of the timeouts). */
  readonly timeouts?: HttpServerOptions["timeouts"];
}

/** The job runner a context's server uses unless told otherwise. */
export function defaultJobRunner(context: AppContext): JobRunner {
  // A worker cannot open another thread's in-memory database.
  return context.config.database === ":memory:"
    ? inlineJobRunner(context)
    : workerJobRunner(context.config, context.logger);
}

/**
 * The HTTP application: the plumbing (http/) with every feature's routes registered on it. Each
 * route plugin receives its own service, never the context; long jobs (match, large imports) run
 * through the job runner, off the request thread.
 */
export async function buildApp(context: AppContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const jobs = options.jobs ?? defaultJobRunner(context);
  const level = context.config.log.level;
  const app = await createHttpServer({
    logger: context.logger as FastifyBaseLogger,
    logRequests: level === "debug" || level === "trace",
    authenticate: (token) => context.auth.authenticate(token),
    authorize: (principal, permission) => context.auth.authorize(principal, permission),
    version: FLEETPATCH_VERSION,
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
  });
  app.addHook("onClose", async () => {
    await jobs.close();
  });

  app.get(
    "/healthz",
    {
      config: { access: "public" },
      schema: {
        summary: "Liveness",
        tags: ["health"],
        security: [],
        response: { 200: z.object({ status: z.literal("ok") }) },
      },
    },
    async () => ({ status: "ok" as const }),
  );
  app.get(
    "/readyz",
    {
      config: { access: "public" },
      schema: {
        summary: "Readiness: the database answers",
        tags: ["health"],
        security: [],
        response: {
          200: z.object({ status: z.literal("ready"), database: z.string() }),
          503: errorSchema.describe("the database is not reachable; see Retry-After"),
        },
      },
    },
    async () => {
      try {
        await pingDatabase(context.database.db);
      } catch (error) {
        throw new UnavailableError(`database is not reachable: ${(error as Error).message}`, { cause: error });
      }
      return { status: "ready" as const, database: context.database.dialect };
    },
  );

  // A posted body runs where its size says: small ones parse in milliseconds on the request thread.
  const runSpooled = async <J extends Job>(body: SpooledFile, job: J): Promise<JobResults[J["kind"]]> =>
    body.bytes <= INLINE_BODY_BYTES ? ((await executeJob(context, job)) as JobResults[J["kind"]]) : jobs.run(job);
  const importSbom: SpooledSbomImporter = (body, importOptions) =>
    runSpooled(body, { kind: "import-sbom", path: body.path, location: "request body", ...importOptions });
  const importOsv: SpooledOsvImporter = (body) =>
    runSpooled(body, { kind: "import-osv", path: body.path, location: "request body" });
  await app.register(inventoryRoutes(context.inventory, importSbom), { prefix: API_PREFIX });
  await app.register(intelRoutes(importOsv), { prefix: API_PREFIX });
  await app.register(vulnerabilityRoutes(context.vulnerabilities), { prefix: API_PREFIX });
  await app.register(intelStatusRoutes(context.nvdSync), { prefix: API_PREFIX });
  await app.register(findingsRoutes(context.findings, { match: () => jobs.run({ kind: "match" }) }), {
    prefix: API_PREFIX,
  });
  await app.register(usersRoutes(context.auth), { prefix: API_PREFIX });
  await app.ready();
  return app;
}

/** Build the application and listen on the configured address; stopping it waits for running jobs. */
export async function startServer(context: AppContext, options: AppOptions = {}): Promise<RunningServer> {
  return listen(await buildApp(context, options), context.config.http);
}
