import type { EpssFileInfo, EpssScore } from "../formats/epss/epss-csv.js";
import type { KevCatalog, KevEntry } from "../formats/kev/kev-catalog.js";
import { compareInstants, parseRfc3339 } from "../time/rfc3339.js";

/** A stored KEV entry: what CISA said, and the catalog that no longer listed it, if one did. */
export interface StoredKevEntry extends KevEntry {
  readonly removedIn: string | null;
}

/** What a KEV import writes (docs/adr/0026). */
export interface KevPlan {
  /** True when the catalog was released before the newest one applied: nothing is written. */
  readonly older: boolean;
  readonly insert: readonly KevEntry[];
  /** Entries whose fields changed, or that a newer catalog lists again after it was marked removed. */
  readonly update: readonly KevEntry[];
  /** CVE ids a complete catalog no longer lists: kept, marked removed in `removedIn`. */
  readonly markRemoved: readonly string[];
  readonly removedIn: string | null;
  readonly unchanged: number;
}

/** Whether two entries say the same. */
function sameKevEntry(a: KevEntry, b: KevEntry): boolean {
  return (
    a.vendorProject === b.vendorProject &&
    a.product === b.product &&
    a.vulnerabilityName === b.vulnerabilityName &&
    a.dateAdded === b.dateAdded &&
    a.shortDescription === b.shortDescription &&
    a.requiredAction === b.requiredAction &&
    a.dueDate === b.dueDate &&
    a.knownRansomwareCampaignUse === b.knownRansomwareCampaignUse &&
    a.notes === b.notes &&
    a.cwes.length === b.cwes.length &&
    a.cwes.every((cwe, index) => cwe === b.cwes[index])
  );
}

/**
 * Which KEV entries to write, as a pure function of the stored entries, the release instants of
 * the catalogs applied and the imported catalog. A catalog released earlier than the one
 * applied changes nothing; the same catalog again changes nothing; a complete catalog marks the
 * entries it no longer lists as removed (kept: a CVE leaving KEV is news, not a deletion). A CSV
 * carries no release date and no count, so it is applied as of now and never removes anything.
 */
export function planKevChanges(
  stored: ReadonlyMap<string, StoredKevEntry>,
  appliedReleases: readonly string[],
  catalog: KevCatalog,
): KevPlan {
  const released = catalog.dateReleased === null ? undefined : parseRfc3339(catalog.dateReleased);
  const newer = appliedReleases.some((applied) => {
    const instant = parseRfc3339(applied);
    return released !== undefined && instant !== undefined && compareInstants(released, instant) < 0;
  });
  if (newer) {
    return { older: true, insert: [], update: [], markRemoved: [], removedIn: null, unchanged: catalog.entries.length };
  }
  const insert: KevEntry[] = [];
  const update: KevEntry[] = [];
  let unchanged = 0;
  const listed = new Set<string>();
  for (const entry of catalog.entries) {
    listed.add(entry.cveId);
    const before = stored.get(entry.cveId);
    if (!before) insert.push(entry);
    else if (before.removedIn !== null || !sameKevEntry(before, entry)) update.push(entry);
    else unchanged++;
  }
  const markRemoved: string[] = [];
  if (catalog.complete) {
    for (const [cveId, entry] of stored) if (!listed.has(cveId) && entry.removedIn === null) markRemoved.push(cveId);
  }
  return { older: false, insert, update, markRemoved, removedIn: catalog.catalogVersion, unchanged };
}

/** A stored latest EPSS score. */
export interface StoredEpssScore extends EpssScore {
  readonly scoreDate: string | null;
  readonly modelVersion: string | null;
}

/** What an EPSS batch writes (docs/adr/0026). */
export interface EpssPlan {
  readonly insert: readonly EpssScore[];
  readonly update: readonly EpssScore[];
  /** Scores that differ from the one stored (or are the first dated one): one history row each at the file's date. */
  readonly history: readonly EpssScore[];
  readonly unchanged: number;
  /** Rows dated before the stored score, or undated where a dated score is stored: not written. */
  readonly older: number;
}

/**
 * Which EPSS rows to write, as a pure function of the stored latest scores and a batch of rows of
 * one file. The latest score is the one of the latest score date; a file without a date cannot
 * be ordered, so it only fills or refreshes undated scores. History gets a row only when the score
 * itself changed, so a daily import adds rows for the few CVEs whose score moved.
 */
export function planEpssChanges(
  stored: ReadonlyMap<string, StoredEpssScore>,
  rows: readonly EpssScore[],
  file: EpssFileInfo,
): EpssPlan {
  const insert: EpssScore[] = [];
  const update: EpssScore[] = [];
  const history: EpssScore[] = [];
  let unchanged = 0;
  let older = 0;
  const dated = file.scoreDate !== null;
  for (const row of rows) {
    const before = stored.get(row.cveId);
    if (!before) {
      insert.push(row);
      if (dated) history.push(row);
      continue;
    }
    if (before.scoreDate !== null && (file.scoreDate === null || file.scoreDate < before.scoreDate)) {
      older++;
      continue;
    }
    const same =
      before.epss === row.epss &&
      before.percentile === row.percentile &&
      before.scoreDate === file.scoreDate &&
      before.modelVersion === file.modelVersion;
    if (same) {
      unchanged++;
      continue;
    }
    update.push(row);
    if (dated && (before.epss !== row.epss || before.scoreDate === null)) history.push(row);
  }
  return { insert, update, history, unchanged, older };
}
