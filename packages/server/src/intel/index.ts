/** Vulnerability intelligence: advisories from the registered sources, stored once for matching. */
export { registerIntelCommands } from "./intel.commands.js";
export { intelRoutes, type SpooledOsvImporter } from "./intel.routes.js";
export { type IntelImportResult, IntelService } from "./intel.service.js";
export { IntelStore } from "./intel.store.js";
export { INTEL_SOURCES } from "./sources/registry.js";
