/**
 * Typed errors with stable codes. Every layer throws these; the HTTP layer maps them to a status in
 * one place (server/src/http/error-handler.ts) and the CLI prints `error: <message>` and exits 1.
 * Anything that is not an AppError is a bug and is reported as `internal`.
 */

/** Stable machine-readable error codes; never renamed once released. */
export type ErrorCode =
  | "invalid_input"
  | "unsupported_format"
  | "not_found"
  | "conflict"
  | "unauthenticated"
  | "not_allowed"
  | "unavailable";

/** Base class of every expected error; `code` is stable, `message` is for people. */
export class AppError extends Error {
  readonly code: ErrorCode;
  /** Where the problem is: a file, a record, a field (e.g. `sbom.json: components[3].purl`). */
  readonly location?: string;

  constructor(code: ErrorCode, message: string, options?: { location?: string; cause?: unknown }) {
    super(options?.location ? `${options.location}: ${message}` : message, { cause: options?.cause });
    this.name = new.target.name;
    this.code = code;
    this.location = options?.location;
  }
}

/** The caller sent something malformed or out of range. */
export class InputError extends AppError {
  constructor(message: string, options?: { location?: string; cause?: unknown }) {
    super("invalid_input", message, options);
  }
}

/** The input is well-formed but of a kind or version fleetpatch does not read. */
export class UnsupportedFormatError extends AppError {
  constructor(message: string, options?: { location?: string; cause?: unknown }) {
    super("unsupported_format", message, options);
  }
}

/** A named thing does not exist. */
export class NotFoundError extends AppError {
  constructor(message: string, options?: { location?: string }) {
    super("not_found", message, options);
  }
}

/** The request collides with existing state (duplicate name, stale version). */
export class ConflictError extends AppError {
  constructor(message: string, options?: { location?: string }) {
    super("conflict", message, options);
  }
}

/** No valid credentials were presented. */
export class AuthenticationError extends AppError {
  constructor(message = "a valid API token is required") {
    super("unauthenticated", message);
  }
}

/** The caller is known but its role lacks the permission. */
export class NotAllowedError extends AppError {
  constructor(message: string) {
    super("not_allowed", message);
  }
}

/** A dependency (database, upstream) cannot be reached, or is busy; trying again later may work. */
export class UnavailableError extends AppError {
  /** When a retry is worth it, in seconds (HTTP `Retry-After`); absent when nobody knows. */
  readonly retryAfterSeconds?: number;

  constructor(message: string, options?: { cause?: unknown; retryAfterSeconds?: number }) {
    super("unavailable", message, options);
    if (options?.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** True for errors the user caused or can act on, as opposed to bugs. */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The plain form of an AppError, to carry it across a worker-thread or process boundary. */
export interface SerializedAppError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly retryAfterSeconds?: number;
}

/** An AppError in the plain form that crosses a worker-thread or process boundary. */
export function serializeAppError(error: AppError): SerializedAppError {
  const retryAfterSeconds = error instanceof UnavailableError ? error.retryAfterSeconds : undefined;
  return {
    code: error.code,
    message: error.message,
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  };
}

/** The typed error again from its serialized form (same class, code and message). */
export function appErrorFromSerialized(error: SerializedAppError): AppError {
  switch (error.code) {
    case "invalid_input":
      return new InputError(error.message);
    case "unsupported_format":
      return new UnsupportedFormatError(error.message);
    case "not_found":
      return new NotFoundError(error.message);
    case "conflict":
      return new ConflictError(error.message);
    case "unauthenticated":
      return new AuthenticationError(error.message);
    case "not_allowed":
      return new NotAllowedError(error.message);
    case "unavailable":
      return new UnavailableError(
        error.message,
        error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {},
      );
  }
}
