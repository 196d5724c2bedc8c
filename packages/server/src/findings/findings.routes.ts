import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../app-context.js";
import { errorResponses, errorSchema, pageQuerySchema } from "../http/common.schema.js";
import { findingSchema, matchResultSchema } from "./findings.schema.js";

/** Findings listing and matching. */
export function findingsRoutes(context: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/findings",
      {
        config: { access: "findings:read" },
        schema: {
          summary: "List findings, ordered by asset, component and vulnerability",
          tags: ["findings"],
          querystring: pageQuerySchema.extend({ asset: z.string().min(1).optional().describe("only this asset") }),
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
        const { asset, limit, offset } = request.query;
        const page = await context.findings.list({
          ...(asset !== undefined ? { assetName: asset } : {}),
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
      async () => context.findings.match(),
    );
  };
}
