import { assetTypeSchema } from "@fleetpatch/core";
import { z } from "zod";

/** An asset as the API shows it. */
export const assetSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: assetTypeSchema,
    version: z.string().nullable(),
    source: z.string(),
    componentCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Asset" });

/** An asset in its public shape. */
export type AssetView = z.infer<typeof assetSchema>;

/** What importing an SBOM changed for one asset. */
export const assetImportResultSchema = z
  .object({
    name: z.string(),
    created: z.boolean(),
    components: z.number().int(),
    added: z.number().int(),
    updated: z.number().int().describe("components still present whose version or other facts changed"),
    removed: z.number().int(),
  })
  .meta({ id: "AssetImportResult" });
