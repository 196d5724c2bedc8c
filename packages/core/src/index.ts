/** @fleetpatch/core: pure domain logic shared by the server, the agent and the web console. */

export * from "./cpe/index.js";
export * from "./cvss/index.js";
export * from "./errors/app-error.js";
export * from "./matching/component-matcher.js";
export * from "./osv/affected-range.js";
export * from "./osv/osv-types.js";
export * from "./osv/preferred-id.js";
export * from "./purl/index.js";
export * from "./roles/roles.js";
export * from "./vers/index.js";
export * from "./versions/index.js";
