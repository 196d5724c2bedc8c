import { z } from "zod";

/** An asset as the API shows it. */
export const assetSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.string(),
    version: z.string().nullable(),
    source: z.string(),
    componentCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Asset" });

/** What importing an SBOM changed for one asset. */
export const assetImportResultSchema = z
  .object({
    name: z.string(),
    created: z.boolean(),
    components: z.number().int(),
    added: z.number().int(),
    removed: z.number().int(),
  })
  .meta({ id: "AssetImportResult" });
