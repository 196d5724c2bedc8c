import { parseOsvDocument } from "@fleetpatch/core";
import type { IntelSource } from "../source.js";

/** OSV JSON records (one per file, or an array); the parser is core's. */
export const osvSource: IntelSource = {
  name: "osv",
  description: "OSV JSON",
  fileExtensions: [".json"],
  unsupportedFileHint(extension) {
    return extension === ".yaml" || extension === ".yml"
      ? "OSV YAML is not supported yet; use OSV JSON"
      : "not a .json file";
  },
  parseDocument: parseOsvDocument,
};
