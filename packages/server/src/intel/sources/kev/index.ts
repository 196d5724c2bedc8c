import { KevCsvReader, looksLikeKevCsv, looksLikeKevJson, parseKevJson } from "@fleetpatch/core";
import type { KevSource } from "../source.js";

/** CISA's Known Exploited Vulnerabilities catalog, JSON or CSV (also gzip-compressed); the parser is core's. */
export const kevSource: KevSource = {
  kind: "kev",
  name: "kev",
  description: "CISA KEV JSON or CSV",
  fileExtensions: [".json", ".csv", ".gz"],
  // By content alone: the catalog's own first bytes are unmistakable, whatever the file is called.
  recognises: (head) => looksLikeKevJson(head) || looksLikeKevCsv(head),
  isJson: looksLikeKevJson,
  parseJson: parseKevJson,
  csvReader: (location) => new KevCsvReader(location),
};
