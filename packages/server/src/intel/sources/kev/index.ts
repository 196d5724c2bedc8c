import { KevCsvReader, looksLikeKevCsv, looksLikeKevJson, parseKevJson } from "@fleetpatch/core";
import type { KevSource } from "../source.js";

/** CISA's Known Exploited Vulnerabilities catalog, JSON or CSV; the parser is core's. */
export const kevSource: KevSource = {
  kind: "kev",
  name: "kev",
  description: "CISA KEV JSON or CSV",
  fileExtensions: [".json", ".csv"],
  recognises(head, extension) {
    return (extension === ".json" && looksLikeKevJson(head)) || (extension !== ".json" && looksLikeKevCsv(head));
  },
  isJson: looksLikeKevJson,
  parseJson: parseKevJson,
  csvReader: (location) => new KevCsvReader(location),
};
