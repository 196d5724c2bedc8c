/** Vulnerability intelligence: advisories from the registered sources, stored once for matching. */

export { EnrichmentService, type EpssImportResult, type KevImportResult } from "./enrichment.service.js";
export { EnrichmentStore } from "./enrichment.store.js";
export { registerIntelCommands } from "./intel.commands.js";
export { intelRoutes, type SpooledOsvImporter } from "./intel.routes.js";
export {
  type DetectedImportResult,
  type EnrichmentImportResult,
  type IntelImportResult,
  IntelService,
} from "./intel.service.js";
export { IntelStore } from "./intel.store.js";
export { intelStatusRoutes } from "./intel-status.routes.js";
export { IntelSyncStore } from "./intel-sync.store.js";
export { NvdSyncService, type SourceStatus, type SyncResult } from "./nvd-sync.service.js";
export { type RecordFeedImportResult, RecordFeedService } from "./record-feed.service.js";
export { SourceRecordStore } from "./source-record.store.js";
export { INTEL_SOURCES } from "./sources/registry.js";
export { registerVulnerabilityCommands } from "./vulnerability.commands.js";
export { vulnerabilityRoutes } from "./vulnerability.routes.js";
export { VulnerabilityService } from "./vulnerability.service.js";
export { VulnerabilityStore } from "./vulnerability.store.js";
