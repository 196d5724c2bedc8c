import { parseOsvDocument } from "@fleetpatch/core";
import type { IntelSource } from "../source.js";

/** What to say about a file given by name that is not `.json`, by its extension. */
const UNSUPPORTED_FILE_HINTS: Readonly<Record<string, string>> = {
  ".yaml": "OSV YAML is not supported yet; use OSV JSON",
  ".yml": "OSV YAML is not supported yet; use OSV JSON",
  ".gz": "a gzip-compressed file: decompress it (gunzip) and import the .json",
  ".zip": "a zip archive (such as an OSV all.zip): unpack it and import the folder",
};

/** OSV JSON records (one per file, or an array); the parser is core's. */
export const osvSource: IntelSource = {
  kind: "advisories",
  name: "osv",
  description: "OSV JSON",
  fileExtensions: [".json"],
  // Any .json that is no other source's: an OSV parse error then says what is wrong, as before.
  recognises: (_head, extension) => extension === ".json",
  unsupportedFileHint(extension) {
    return UNSUPPORTED_FILE_HINTS[extension] ?? "not a .json file";
  },
  parseDocument: parseOsvDocument,
};
