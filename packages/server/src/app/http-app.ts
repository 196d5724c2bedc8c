import { UnavailableError } from "@fleetpatch/core";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import { z } from "zod";
import { usersRoutes } from "../auth/index.js";
import { findingsRoutes } from "../findings/index.js";
import { API_PREFIX, createHttpServer } from "../http/http-server.js";
import { listen, type RunningServer } from "../http/server.js";
import { intelRoutes } from "../intel/index.js";
import { inventoryRoutes } from "../inventory/index.js";
import { pingDatabase } from "../store/database.js";
import type { AppContext } from "./context.js";
import { FLEETPATCH_VERSION } from "./version.js";

/**
 * The HTTP application: the plumbing (http/) with every feature's routes registered on it. Each
 * route plugin receives its own service, never the context.
 */
export async function buildApp(context: AppContext): Promise<FastifyInstance> {
  const level = context.config.log.level;
  const app = await createHttpServer({
    logger: context.logger as FastifyBaseLogger,
    logRequests: level === "debug" || level === "trace",
    authenticate: (token) => context.auth.authenticate(token),
    authorize: (principal, permission) => context.auth.authorize(principal, permission),
    version: FLEETPATCH_VERSION,
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
        response: { 200: z.object({ status: z.literal("ready"), database: z.string() }) },
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

  await app.register(inventoryRoutes(context.inventory), { prefix: API_PREFIX });
  await app.register(intelRoutes(context.intel), { prefix: API_PREFIX });
  await app.register(findingsRoutes(context.findings), { prefix: API_PREFIX });
  await app.register(usersRoutes(context.auth), { prefix: API_PREFIX });
  await app.ready();
  return app;
}

/** Build the application and listen on the configured address. */
export async function startServer(context: AppContext): Promise<RunningServer> {
  return listen(await buildApp(context), context.config.http);
}
