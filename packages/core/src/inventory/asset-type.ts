import { z } from "zod";

/**
 * What kind of thing an asset is (product brief, Inventory). `software` is an SBOM subject that
 * says nothing more specific (an application or library build).
 */
export const assetTypeSchema = z.enum([
  "server",
  "workstation",
  "network",
  "iot",
  "ot",
  "container-image",
  "firmware-image",
  "software",
]);
export type AssetType = z.infer<typeof assetTypeSchema>;

/** CycloneDX `metadata.component.type` → asset type; anything else is `software` (docs/adr/0006). */
const ASSET_TYPE_BY_COMPONENT_TYPE: Readonly<Record<string, AssetType>> = {
  device: "iot",
  firmware: "firmware-image",
  container: "container-image",
  "operating-system": "server",
};

/** The asset type an SBOM subject's component type implies. */
export function assetTypeOfSubject(componentType: string | null | undefined): AssetType {
  return ASSET_TYPE_BY_COMPONENT_TYPE[componentType ?? ""] ?? "software";
}
