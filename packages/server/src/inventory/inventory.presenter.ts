import type { AssetView } from "./inventory.schema.js";
import type { AssetSummaryRow } from "./inventory.store.js";

/** An asset row in the public shape of the API and `fleetpatch assets --format json`. */
export function presentAsset(row: AssetSummaryRow): AssetView {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    version: row.version,
    source: row.source,
    componentCount: row.componentCount,
    componentEntries: row.componentEntries,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
