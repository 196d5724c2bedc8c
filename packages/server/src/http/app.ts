import "./fastify-types.js";
import swagger from "@fastify/swagger";
import { UnavailableError } from "@fleetpatch/core";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../app-context.js";
import { usersRoutes } from "../auth/users.routes.js";
import { findingsRoutes } from "../findings/findings.routes.js";
import { intelRoutes } from "../intel/intel.routes.js";
import { inventoryRoutes } from "../inventory/inventory.routes.js";
import { pingDatabase } from "../store/database.js";
import { FLEETPATCH_VERSION } from "../version.js";
import { handleError } from "./error-handler.js";

/** Every versioned route lives under this prefix. */
export const API_PREFIX = "/api/v1";

/**
 * Build the HTTP application over a context. Routes are thin: the access hook authenticates and
 * authorises from the route's declared `access`, zod validates, one service call does the work.
 */
export async function buildApp(context: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: context.logger as FastifyBaseLogger,
    // One line per request only when debugging; health probes never log.
    logController: new LogController({
      disableRequestLogging: (request) =>
        (context.config.log.level !== "debug" && context.config.log.level !== "trace") ||
        request.url === "/healthz" ||
        request.url === "/readyz",
    }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  app.addHook("onRoute", (route) => {
    if (route.config?.access === undefined) {
      throw new Error(`route ${route.method} ${route.url} declares no access; add config.access`);
    }
  });

  app.addHook("onRequest", async (request) => {
    const access = request.routeOptions.config.access;
    // Unknown URLs have no route options; let the 404 handler answer them.
    if (access === undefined || access === "public") return;
    const header = request.headers.authorization;
    const token = header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
    request.principal = await context.auth.authenticate(token);
    if (access !== "authenticated") context.auth.authorize(request.principal, access);
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "fleetpatch API",
        version: FLEETPATCH_VERSION,
        description: "Patch and vulnerability management for mixed fleets.",
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
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
        throw new UnavailableError(`database is not reachable: ${(error as Error).message}`);
      }
      return { status: "ready" as const, database: context.database.dialect };
    },
  );
  app.get("/api/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () => app.swagger());

  await app.register(inventoryRoutes(context), { prefix: API_PREFIX });
  await app.register(intelRoutes(context), { prefix: API_PREFIX });
  await app.register(findingsRoutes(context), { prefix: API_PREFIX });
  await app.register(usersRoutes(context), { prefix: API_PREFIX });
  await app.ready();
  return app;
}
