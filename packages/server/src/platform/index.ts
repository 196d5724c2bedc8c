/** Ports and adapters for every side effect: clock, files, crypto, outbound HTTP, logging. */
export * from "./clock.js";
export * from "./crypto.js";
export * from "./files.js";
export * from "./http-client.js";
export * from "./logger.js";
export * from "./spool.js";
