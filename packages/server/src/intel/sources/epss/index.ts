import { EpssCsvReader, looksLikeEpssCsv } from "@fleetpatch/core";
import type { EpssSource } from "../source.js";

/** FIRST's EPSS scores: the official CSV (also gzip) and the header-less per-year variant. */
export const epssSource: EpssSource = {
  kind: "epss",
  name: "epss",
  description: "EPSS CSV",
  fileExtensions: [".csv", ".gz"],
  recognises(head, extension) {
    return extension !== ".json" && looksLikeEpssCsv(head);
  },
  reader: (location, scoreDate) => new EpssCsvReader(location, scoreDate),
};
