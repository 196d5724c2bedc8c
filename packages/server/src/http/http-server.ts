import "./fastify-types.js";
import swagger from "@fastify/swagger";
import { InputError, NotFoundError, type Permission, type Principal } from "@fleetpatch/core";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { answerClientError, handleError } from "./error-handler.js";

/** Every versioned route lives under this prefix. */
export const API_PREFIX = "/api/v1";

/** A whole request (a 256 MiB SBOM over a slow link included) must arrive within this. */
export const REQUEST_TIMEOUT_MS = 300_000;
/** The request line and headers must arrive within this (slowloris). */
export const HEADERS_TIMEOUT_MS = 15_000;
/** An idle keep-alive connection closes after this. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;

/** The token of an `Authorization: Bearer …` header; the scheme is case-insensitive (RFC 9110 §11.1). */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1];
}

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
  /** Shorter client timeouts (tests of the timeouts themselves). */
  readonly timeouts?: { readonly requestMs?: number; readonly headersMs?: number };
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
    // Slow or stalled clients are cut off (docs/adr/0018): a request must arrive whole within
    // REQUEST_TIMEOUT_MS (the headers within HEADERS_TIMEOUT_MS), an idle keep-alive connection
    // closes after KEEP_ALIVE_TIMEOUT_MS.
    requestTimeout: options.timeouts?.requestMs ?? REQUEST_TIMEOUT_MS,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    http: {
      headersTimeout: options.timeouts?.headersMs ?? HEADERS_TIMEOUT_MS,
      // Node checks the two timeouts above only this often (30 s by default).
      connectionsCheckingInterval: 1_000,
    },
    // What Node refuses before Fastify sees a request (malformed HTTP, a header or request timeout)
    // is answered in the same error body and headers as everything else.
    clientErrorHandler: answerClientError,
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

  // A NUL or other control character in a path or query parameter is never a name anything has:
  // refused here, identically on both dialects (PostgreSQL cannot even compare text holding NUL).
  app.addHook("preValidation", async (request) => {
    for (const [where, values] of [
      ["path parameter", request.params],
      ["query parameter", request.query],
    ] as const) {
      if (typeof values !== "object" || values === null) continue;
      for (const [name, value] of Object.entries(values as Record<string, unknown>)) {
        for (const item of Array.isArray(value) ? value : [value]) {
          // biome-ignore lint/suspicious/noControlCharactersInRegex: these are what is refused.
          if (typeof item === "string" && /[\u0000-\u001f\u007f-\u009f]/.test(item)) {
            throw new InputError(`${where} ${name} contains a control character`);
          }
        }
      }
    }
  });

  app.addHook("onRoute", (route) => {
    if (route.config?.access === undefined) {
      throw new Error(`route ${route.method} ${route.url} declares no access; add config.access`);
    }
  });

  // API answers are per-user and change with every import: never cached, never sniffed.
  app.addHook("onSend", async (_request, reply) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("cache-control", "no-store");
  });

  app.addHook("onRequest", async (request) => {
    const access = request.routeOptions.config.access;
    // Unknown URLs have no route options; the not-found handler answers them.
    if (access === undefined || access === "public") return;
    const token = bearerToken(request.headers.authorization);
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
