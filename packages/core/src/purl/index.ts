export * from "./package-key.js";
