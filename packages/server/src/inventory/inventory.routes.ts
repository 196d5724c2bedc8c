import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses, errorSchema, pageQuerySchema, pageResponseFields } from "../http/common.schema.js";
import { streamBodies, withSpooledBody } from "../http/streamed-body.js";
import type { SpooledFile } from "../platform/index.js";
import { presentAsset } from "./inventory.presenter.js";
import { assetImportResultSchema, assetSchema } from "./inventory.schema.js";
import type { AssetImportResult, InventoryService } from "./inventory.service.js";

/** SBOM bodies can be large; 256 MiB covers the largest real BOMs we have seen. */
export const SBOM_BODY_LIMIT = 256 * 1024 * 1024;

/** Media types an SBOM may be posted as (CycloneDX JSON, optionally gzip-compressed). */
const SBOM_MEDIA_TYPES = ["application/json", "application/vnd.cyclonedx+json", "application/gzip"];

/** How the routes import a posted SBOM once it is on disk; the composition root decides where it runs. */
export type SpooledSbomImporter = (body: SpooledFile, options: { assetName?: string }) => Promise<AssetImportResult[]>;

/** Assets and SBOM import. */
export function inventoryRoutes(
  inventory: InventoryService,
  importSpooled: SpooledSbomImporter,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/assets",
      {
        config: { access: "assets:read" },
        schema: {
          summary: "List assets, a page at a time, in name order",
          tags: ["inventory"],
          querystring: pageQuerySchema,
          response: { 200: z.object({ items: z.array(assetSchema), ...pageResponseFields }), ...errorResponses },
        },
      },
      async (request) => {
        const { limit, cursor, total } = request.query;
        const page = await inventory.listAssetsPage({
          limit,
          withTotal: total,
          ...(cursor !== undefined ? { cursor } : {}),
        });
        return { ...page, items: page.items.map(presentAsset), limit };
      },
    );

    // The SBOM body is streamed to a temporary file instead of being parsed on the request thread:
    // a 200 MB document would otherwise hold the event loop for a minute and the heap at gigabytes.
    streamBodies(app);

    app.post(
      "/sboms",
      {
        config: { access: "inventory:write" },
        schema: {
          summary: "Import a CycloneDX JSON SBOM as an asset (replaces its component list)",
          description: `The body is a CycloneDX 1.2–1.7 JSON document (application/json or application/vnd.cyclonedx+json; gzip-compressed as application/gzip), at most ${SBOM_BODY_LIMIT / (1024 * 1024)} MiB. Large documents are imported off the request thread; the response comes when the import has landed.`,
          tags: ["inventory"],
          querystring: z.object({
            asset: z.string().min(1).optional().describe("asset name; default metadata.component.name"),
          }),
          body: z.unknown().describe("a CycloneDX 1.2–1.7 JSON document"),
          response: {
            200: z.object({ assets: z.array(assetImportResultSchema) }),
            413: errorSchema,
            415: errorSchema,
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const rules = {
          mediaTypes: SBOM_MEDIA_TYPES,
          expectation:
            "an SBOM is posted as application/json, application/vnd.cyclonedx+json or (gzip-compressed) application/gzip",
          limit: SBOM_BODY_LIMIT,
        };
        const options = request.query.asset !== undefined ? { assetName: request.query.asset } : {};
        return withSpooledBody(request, rules, async (body) => ({ assets: await importSpooled(body, options) }));
      },
    );
  };
}
