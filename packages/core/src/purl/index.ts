export * from "./distro.js";
export * from "./package-key.js";
export * from "./purl.js";
export * from "./purl-types.js";
