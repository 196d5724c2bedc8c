import { parseOsvDocument } from "@fleetpatch/core";
import type { IntelSource } from "../source.js";

/** What to say about a file given by name that is not `.json`, by its extension. */
const UNSUPPORTED_FILE_HINTS: Readonly<Record<string, string>> = {
  ".gz": "a gzip-compressed file: decompress it (gunzip) and import the .json",
  ".zip": "a zip archive (such as an OSV all.zip): unpack it and import the folder",
};

/** OSV records in JSON (one per file, or an array) or YAML (PyPA's advisory database); the parser is core's. */
export const osvSource: IntelSource = {
  kind: "advisories",
  name: "osv",
  description: "OSV JSON or YAML",
  fileExtensions: [".json", ".yaml", ".yml"],
  // A .json that is no other source's and names an id (OSV's first field by every producer's
  // habit). A file given by name that no source knows comes here anyway, so the OSV parser says
  // what is wrong with it; one found in a directory is skipped and listed.
  recognises: (head, extension) =>
    extension === ".json"
      ? /"id"\s*:/.test(head)
      : (extension === ".yaml" || extension === ".yml") && /^id\s*:/m.test(head),
  unsupportedFileHint(extension) {
    return UNSUPPORTED_FILE_HINTS[extension] ?? "not a .json, .yaml or .yml file";
  },
  parseDocument: parseOsvDocument,
};
