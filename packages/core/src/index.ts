/** @fleetpatch/core: pure domain logic shared by the server, the agent and the web console. */
export * from "./errors/app-error.js";
export * from "./matching/component-matcher.js";
export * from "./osv/affected-range.js";
export * from "./osv/osv-types.js";
export * from "./osv/preferred-id.js";
export * from "./purl/package-key.js";
export * from "./roles/roles.js";
export * from "./versions/ecosystem-schemes.js";
export * from "./versions/semver-scheme.js";
export * from "./versions/version-scheme.js";
