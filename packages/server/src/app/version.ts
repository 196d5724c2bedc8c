import { createRequire } from "node:module";

/** The server package's version, read once from its package.json. */
export const FLEETPATCH_VERSION: string = (createRequire(import.meta.url)("../../package.json") as { version: string })
  .version;
