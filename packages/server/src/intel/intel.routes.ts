import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses } from "../http/common.schema.js";
import type { IntelService } from "./intel.service.js";

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

/** Vulnerability intelligence import. */
export function intelRoutes(intel: IntelService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/intel/osv",
      {
        bodyLimit: 64 * 1024 * 1024,
        config: { access: "intel:write" },
        schema: {
          summary: "Import OSV records (one record or an array)",
          tags: ["intel"],
          body: z.unknown().describe("an OSV JSON record or an array of them"),
          response: { 200: importResultSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { records, inserted, updated, unchanged, older, warnings, warningCount } = await intel.importDocument(
          "osv",
          request.body,
          "request body",
        );
        return { records, inserted, updated, unchanged, older, warnings: [...warnings], warningCount };
      },
    );
  };
}
