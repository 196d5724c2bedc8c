import type { Duplex } from "node:stream";
import { type ErrorCode, isAppError, UnavailableError } from "@fleetpatch/core";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";

/** The one place where error codes become HTTP statuses. */
export const HTTP_STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  invalid_input: 400,
  unsupported_format: 422,
  unauthenticated: 401,
  not_allowed: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
};

/** Codes for the client errors the HTTP framework raises itself, before any route runs. */
const FRAMEWORK_CODES: Readonly<Record<number, string>> = {
  408: "request_timeout",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

/** Retry-After of a 503 whose cause gave no better estimate. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Map any thrown error to a status and an ErrorBody; unknown errors are logged and hidden. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (isAppError(error)) {
    // An error may carry the HTTP status of a framework-level refusal (body too large, wrong media
    // type) that it stands for; it then answers with that status and its stable code.
    const own = (error as { statusCode?: unknown }).statusCode;
    const framework = typeof own === "number" ? FRAMEWORK_CODES[own] : undefined;
    const status = framework !== undefined ? (own as number) : HTTP_STATUS_BY_CODE[error.code];
    if (status === 401) reply.header("www-authenticate", 'Bearer realm="fleetpatch"');
    if (error instanceof UnavailableError) {
      reply.header("retry-after", String(error.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS));
    }
    reply.status(status).send({ error: { code: framework ?? error.code, message: error.message } } satisfies ErrorBody);
    return;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((issue) => ({
      path: issue.instancePath || "/",
      message: issue.message,
    }));
    const first = details[0];
    reply.status(400).send({
      error: {
        code: "invalid_input",
        message: `request ${error.validationContext ?? "input"} is invalid${first ? `: ${first.path} ${first.message}` : ""}`,
        details,
      },
    } satisfies ErrorBody);
    return;
  }
  if (typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 500) {
    // Fastify's own refusals (body too large, unsupported content type, malformed JSON body) keep
    // their status and get a stable code of their own.
    const code = FRAMEWORK_CODES[error.statusCode] ?? "invalid_input";
    reply.status(error.statusCode).send({ error: { code, message: error.message } } satisfies ErrorBody);
    return;
  }
  request.log.error({ err: error }, "unhandled error");
  reply.status(500).send({ error: { code: "internal", message: "internal error" } } satisfies ErrorBody);
}

/**
 * Answer what Node's HTTP parser refuses before any route runs (malformed requests, header and
 * request timeouts) with the standard error body and the API's headers, then close the socket.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const timeout = error.code === "ERR_HTTP_REQUEST_TIMEOUT";
  const [status, reason, code, message] = timeout
    ? [408, "Request Timeout", "request_timeout", "the request did not arrive in time"]
    : [400, "Bad Request", "invalid_input", "the request is not valid HTTP"];
  const body = JSON.stringify({ error: { code, message } } satisfies ErrorBody);
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}
