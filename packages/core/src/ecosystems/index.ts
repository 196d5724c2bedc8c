/** The ecosystem table (OSV ecosystem ↔ PURL type ↔ version scheme ↔ release) and its views. */
export * from "./ecosystem-table.js";
export * from "./ecosystems.js";
export * from "./package-types.js";
