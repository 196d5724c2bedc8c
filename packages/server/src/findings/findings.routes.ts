import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses, errorSchema, pageQuerySchema } from "../http/common.schema.js";
import { findingSchema, findingsStatusFilterSchema, matchResultSchema } from "./findings.schema.js";
import type { FindingsService } from "./findings.service.js";

/** Findings listing and matching. */
export function findingsRoutes(findings: FindingsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/findings",
      {
        config: { access: "findings:read" },
        schema: {
          summary: "List findings, ordered by asset, component and vulnerability",
          tags: ["findings"],
          querystring: pageQuerySchema.extend({
            asset: z.string().min(1).optional().describe("only this asset"),
            status: findingsStatusFilterSchema,
          }),
          response: {
            200: z.object({
              items: z.array(findingSchema),
              total: z.number().int(),
              limit: z.number().int(),
              offset: z.number().int(),
            }),
            404: errorSchema,
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const { asset, status, limit, offset } = request.query;
        const page = await findings.list({
          ...(asset !== undefined ? { assetName: asset } : {}),
          status,
          limit,
          offset,
        });
        return { ...page, limit, offset };
      },
    );

    app.post(
      "/match",
      {
        config: { access: "findings:match" },
        schema: {
          summary: "Match the inventory against the stored intelligence and update findings",
          tags: ["findings"],
          response: { 200: matchResultSchema, ...errorResponses },
        },
      },
      async () => findings.match(),
    );
  };
}
