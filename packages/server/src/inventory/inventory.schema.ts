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
    componentCount: z.number().int().describe("distinct components"),
    componentEntries: z
      .number()
      .int()
      .describe("component entries of the imported SBOM; more than componentCount when identical entries collapsed"),
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
    components: z.number().int().describe("distinct components now stored for the asset"),
    entries: z.number().int().describe("component entries in the SBOM, identical ones included"),
    added: z.number().int(),
    updated: z.number().int().describe("components still present whose version or other facts changed"),
    removed: z.number().int(),
    identityConflicts: z.number().int().describe("components whose version field disagrees with their PURL's version"),
    warnings: z.array(z.string()).describe("what was imported but deserves a look, one line each"),
  })
  .meta({ id: "AssetImportResult" });
