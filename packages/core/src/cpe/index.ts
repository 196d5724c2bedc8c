export * from "./binding.js";
export * from "./matching.js";
export * from "./syntax.js";
export * from "./wfn.js";
