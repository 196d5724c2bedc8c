/** Inventory: assets, their components, and the importers that fill them. */

export type { InventoryDocument } from "./importers/importer.js";
export { INVENTORY_IMPORTERS } from "./importers/registry.js";
export { registerInventoryCommands } from "./inventory.commands.js";
export { inventoryRoutes, type SpooledSbomImporter } from "./inventory.routes.js";
export { type AssetImportResult, InventoryService } from "./inventory.service.js";
export { InventoryStore } from "./inventory.store.js";
