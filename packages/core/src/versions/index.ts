export * from "./version-scheme.js";
export * from "./semver-scheme.js";
export * from "./ecosystem-schemes.js";
export * from "./registry.js";
