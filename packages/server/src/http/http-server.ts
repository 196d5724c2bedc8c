import "./fastify-types.js";
import swagger from "@fastify/swagger";
import { NotFoundError, type Permission, type Principal } from "@fleetpatch/core";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { handleError } from "./error-handler.js";

/** Every versioned route lives under this prefix. */
export const API_PREFIX = "/api/v1";

/** What the HTTP plumbing needs from the rest of the server; the composition root supplies it. */
export interface HttpServerOptions {
  readonly logger: FastifyBaseLogger;
  /** Log one line per request (only when debugging). */
  readonly logRequests: boolean;
  /** The principal behind a bearer token, or an AuthenticationError. */
  authenticate(token: string | undefined): Promise<Principal>;
  /** Throw NotAllowedError unless the principal may do `permission`. */
  authorize(principal: Principal, permission: Permission): void;
  /** The version shown in the OpenAPI document. */
  readonly version: string;
}

/**
 * The Fastify instance every route is registered on: zod validation, the one error mapping, a
 * not-found handler in the same error body, the OpenAPI document, and the access hook — a route
 * that declares no `config.access` is refused at start-up, so none is open by accident. It
 * imports no feature: routes are registered by the composition root (app/http-app.ts).
 */
export async function createHttpServer(options: HttpServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger,
    // Health probes never log.
    logController: new LogController({
      disableRequestLogging: (request) =>
        !options.logRequests || request.url === "/healthz" || request.url === "/readyz",
    }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request) => {
    throw new NotFoundError(`no route ${request.method} ${request.url.split("?")[0]}`);
  });

  app.addHook("onRoute", (route) => {
    if (route.config?.access === undefined) {
      throw new Error(`route ${route.method} ${route.url} declares no access; add config.access`);
    }
  });

  app.addHook("onRequest", async (request) => {
    const access = request.routeOptions.config.access;
    // Unknown URLs have no route options; the not-found handler answers them.
    if (access === undefined || access === "public") return;
    const header = request.headers.authorization;
    const token = header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
    request.principal = await options.authenticate(token);
    if (access !== "authenticated") options.authorize(request.principal, access);
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "fleetpatch API",
        version: options.version,
        description: "Patch and vulnerability management for mixed fleets.",
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  app.get("/api/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () => app.swagger());
  return app;
}
