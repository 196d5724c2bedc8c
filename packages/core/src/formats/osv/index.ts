/** OSV records (https://ossf.github.io/osv-schema/): parsing, normalisation to vers, preferred ids. */
export * from "./osv-affected.js";
export * from "./osv-record.js";
export * from "./osv-types.js";
export * from "./preferred-id.js";
