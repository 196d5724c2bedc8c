import type { FastifyInstance, FastifyRequest } from "fastify";
import { type SpooledFile, spoolToFile } from "../platform/index.js";
import { requireMediaType } from "./media-type.js";

/**
 * Give the routes of one plugin their bodies as streams instead of parsed JSON: a large body
 * would otherwise be parsed on the request thread (docs/adr/0018). Encapsulated: other plugins'
 * routes keep Fastify's parsers.
 */
export function streamBodies(app: Pick<FastifyInstance, "removeAllContentTypeParsers" | "addContentTypeParser">): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (_request, payload, done) => done(null, payload));
}

/** What a streamed body must be: its media types (and how to say so) and its size limit. */
export interface StreamedBodyRules {
  readonly mediaTypes: readonly string[];
  readonly expectation: string;
  readonly limit: number;
}

/**
 * Check the body's media type (415), write it to a private temporary file within its limit (413),
 * run `work` on the file and remove the file, whatever `work` does.
 */
export async function withSpooledBody<T>(
  request: FastifyRequest,
  rules: StreamedBodyRules,
  work: (body: SpooledFile) => Promise<T>,
): Promise<T> {
  requireMediaType(request.headers["content-type"], rules.mediaTypes, rules.expectation);
  const body = await spoolToFile(request.body as NodeJS.ReadableStream, rules.limit, "the request body");
  try {
    return await work(body);
  } finally {
    await body.remove();
  }
}
