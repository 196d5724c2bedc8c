import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses } from "../http/common.schema.js";
import { presentAsset } from "./inventory.presenter.js";
import { assetImportResultSchema, assetSchema } from "./inventory.schema.js";
import type { InventoryService } from "./inventory.service.js";

/** SBOM bodies can be large; 256 MiB covers the largest real BOMs we have seen. */
const SBOM_BODY_LIMIT = 256 * 1024 * 1024;

/** Assets and SBOM import. */
export function inventoryRoutes(inventory: InventoryService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/assets",
      {
        config: { access: "assets:read" },
        schema: {
          summary: "List assets",
          tags: ["inventory"],
          response: { 200: z.object({ items: z.array(assetSchema) }), ...errorResponses },
        },
      },
      async () => ({ items: (await inventory.listAssets()).map(presentAsset) }),
    );

    app.post(
      "/sboms",
      {
        bodyLimit: SBOM_BODY_LIMIT,
        config: { access: "inventory:write" },
        schema: {
          summary: "Import a CycloneDX JSON SBOM as an asset (replaces its component list)",
          tags: ["inventory"],
          querystring: z.object({
            asset: z.string().min(1).optional().describe("asset name; default metadata.component.name"),
          }),
          body: z.unknown().describe("a CycloneDX 1.2–1.7 JSON document"),
          response: { 200: z.object({ assets: z.array(assetImportResultSchema) }), ...errorResponses },
        },
      },
      async (request) => ({
        assets: await inventory.importSbomDocuments(
          [{ location: "request body", json: request.body }],
          request.query.asset !== undefined ? { assetName: request.query.asset } : {},
        ),
      }),
    );
  };
}
