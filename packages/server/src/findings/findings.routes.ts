import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses, errorSchema, pageQuerySchema, pageResponseFields } from "../http/common.schema.js";
import { findingSchema, findingsStatusFilterSchema, matchResultSchema } from "./findings.schema.js";
import type { FindingsService, MatchResult } from "./findings.service.js";

/** Findings listing and matching. */
export function findingsRoutes(
  findings: FindingsService,
  jobs: { match(): Promise<MatchResult> },
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/findings",
      {
        config: { access: "findings:read" },
        schema: {
          summary: "List findings, a page at a time",
          description:
            "Ordered by asset (oldest first), component name and vulnerability record id; status=all lists the open findings, then the resolved ones. Follow `next` for the following page.",
          tags: ["findings"],
          querystring: pageQuerySchema.extend({
            asset: z.string().min(1).optional().describe("only this asset"),
            status: findingsStatusFilterSchema,
          }),
          response: {
            200: z.object({ items: z.array(findingSchema), ...pageResponseFields }),
            404: errorSchema,
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const { asset, status, limit, cursor, total } = request.query;
        const page = await findings.list({
          ...(asset !== undefined ? { assetName: asset } : {}),
          ...(cursor !== undefined ? { cursor } : {}),
          status,
          limit,
          withTotal: total,
        });
        return { ...page, limit };
      },
    );

    app.post(
      "/match",
      {
        config: { access: "findings:match" },
        schema: {
          summary: "Match the inventory against the stored intelligence and update findings",
          description: "Runs off the request thread; the response comes when the run has landed.",
          tags: ["findings"],
          response: { 200: matchResultSchema, ...errorResponses },
        },
      },
      async () => jobs.match(),
    );
  };
}
