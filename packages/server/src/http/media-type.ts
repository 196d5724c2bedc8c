import { UnsupportedFormatError } from "@fleetpatch/core";

/** A body of a media type the route does not read; the HTTP layer answers 415 unsupported_media_type. */
export class UnsupportedMediaTypeError extends UnsupportedFormatError {
  readonly statusCode = 415;
}

/**
 * Refuse a body whose Content-Type (parameters aside, case-insensitive) is not one of `accepted`;
 * routes that stream their body check here what Fastify's parsers would otherwise have checked.
 */
export function requireMediaType(header: string | undefined, accepted: readonly string[], expectation: string): void {
  const mediaType = (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (accepted.includes(mediaType)) return;
  throw new UnsupportedMediaTypeError(
    `${expectation}, not ${mediaType ? `"${mediaType}"` : "a body without Content-Type"}`,
  );
}
