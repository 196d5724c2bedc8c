import { NotFoundError } from "@fleetpatch/core";
import { cveSource } from "./cve/index.js";
import { epssSource } from "./epss/index.js";
import { kevSource } from "./kev/index.js";
import { nvdSource } from "./nvd/index.js";
import { osvSource } from "./osv/index.js";
import type { AnyIntelSource, IntelSource, RecordFeedSource } from "./source.js";

/**
 * Every intelligence source; the registry test fails when a folder here is not listed. Sources
 * are asked in this order whether a file is theirs: the ones that know their content first, OSV
 * (any other `.json`) last; CVE JSON 5 before NVD, because records converted from CVE JSON 4
 * carry the old record (`x_legacyV4Record.CVE_data_meta`), which NVD's 1.1 items also have.
 */
export const INTEL_SOURCES: readonly AnyIntelSource[] = [kevSource, epssSource, cveSource, nvdSource, osvSource];

/** The advisory source of that name, or NotFoundError listing the known ones. */
export function intelSource(name: string): IntelSource {
  const advisorySources = INTEL_SOURCES.filter(
    (candidate): candidate is IntelSource => candidate.kind === "advisories",
  );
  const source = advisorySources.find((candidate) => candidate.name === name);
  if (!source) {
    throw new NotFoundError(
      `no intelligence source "${name}"; known: ${advisorySources.map((candidate) => candidate.name).join(", ")}`,
    );
  }
  return source;
}

/** The source a file belongs to, by its first characters and its extension; undefined when none knows it. */
export function detectIntelSource(head: string, extension: string): AnyIntelSource | undefined {
  return INTEL_SOURCES.find((source) => source.recognises(head, extension));
}

/** Every extension some source reads, for walking directories. */
export const INTEL_FILE_EXTENSIONS: readonly string[] = [
  ...new Set(INTEL_SOURCES.flatMap((source) => source.fileExtensions)),
];

/** The record-feed source of that name (a reader thread finds its source by name). */
export function recordFeedSource(name: string): RecordFeedSource {
  const source = INTEL_SOURCES.find(
    (candidate): candidate is RecordFeedSource => candidate.kind === "records" && candidate.name === name,
  );
  if (!source) throw new NotFoundError(`no record-feed source "${name}"`);
  return source;
}
