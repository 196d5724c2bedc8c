import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses, errorSchema } from "../http/common.schema.js";
import { streamBodies, withSpooledBody } from "../http/streamed-body.js";
import type { SpooledFile } from "../platform/index.js";
import type { IntelImportResult } from "./intel.service.js";

const importResultSchema = z
  .object({
    records: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int().describe("records of the version already stored (the same modified instant)"),
    older: z
      .number()
      .int()
      .describe(
        "records older than the stored version, or than another version of the id in the same body: not written",
      ),
    warnings: z
      .array(z.string())
      .describe("the first warnings: what records do that OSV forbids but that changes nothing fleetpatch concludes"),
    warningCount: z.number().int().describe("how many warnings there were in all"),
  })
  .meta({ id: "IntelImportResult" });

/** OSV bodies: a feed's worth of records in one request. */
export const OSV_BODY_LIMIT = 64 * 1024 * 1024;

/** How the routes import a posted body once it is on disk; the composition root decides where it runs. */
export type SpooledOsvImporter = (body: SpooledFile) => Promise<IntelImportResult>;

/** Vulnerability intelligence import. */
export function intelRoutes(importSpooled: SpooledOsvImporter): FastifyPluginAsyncZod {
  return async (app) => {
    // Streamed to a temporary file, never parsed on the request thread (docs/adr/0018).
    streamBodies(app);

    app.post(
      "/intel/osv",
      {
        config: { access: "intel:write" },
        schema: {
          summary: "Import OSV records (one record or an array)",
          description: `The body is an OSV JSON record or an array of them (application/json), at most ${OSV_BODY_LIMIT / (1024 * 1024)} MiB. Large bodies are imported off the request thread; the response comes when the import has landed.`,
          tags: ["intel"],
          body: z.unknown().describe("an OSV JSON record or an array of them"),
          response: {
            200: importResultSchema,
            413: errorSchema,
            415: errorSchema,
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const rules = {
          mediaTypes: ["application/json"],
          expectation: "OSV records are posted as application/json",
          limit: OSV_BODY_LIMIT,
        };
        return withSpooledBody(request, rules, async (body) => {
          const { records, inserted, updated, unchanged, older, warnings, warningCount } = await importSpooled(body);
          return { records, inserted, updated, unchanged, older, warnings: [...warnings], warningCount };
        });
      },
    );
  };
}
