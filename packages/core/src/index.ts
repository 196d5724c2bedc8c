/** @fleetpatch/core: pure domain logic shared by the server, the agent and the web console. */

export * from "./cpe/index.js";
export * from "./cvss/index.js";
export * from "./ecosystems/index.js";
export * from "./errors/app-error.js";
export * from "./findings/finding-planner.js";
export * from "./findings/finding-status.js";
export * from "./formats/cyclonedx/index.js";
export * from "./formats/json-input.js";
export * from "./formats/osv/index.js";
export * from "./intel/advisory-planner.js";
export * from "./inventory/asset-type.js";
export * from "./inventory/component-collector.js";
export * from "./inventory/component-planner.js";
export * from "./inventory/limits.js";
export * from "./matching/advisory.js";
export * from "./matching/affected-package.js";
export * from "./matching/component-matcher.js";
export * from "./matching/match-types.js";
export * from "./paging/cursor.js";
export * from "./purl/index.js";
export * from "./roles/roles.js";
export * from "./text/terminal-text.js";
export * from "./time/rfc3339.js";
export * from "./vers/index.js";
export * from "./versions/index.js";
