import type { AdvisorySource, AssetType, Confidence, FindingResolution, FindingStatus, Role } from "@fleetpatch/core";

/**
 * Table types for Kysely. Enumerated columns carry core's domain types (the zod enums in
 * `@fleetpatch/core`), so a store cannot write a value the domain does not know. Timestamps are ISO-8601 UTC strings and JSON columns are text on both
 * dialects, so rows read the same from SQLite and PostgreSQL (docs/adr/0002-store.md).
 * Absent namespaces are stored as '' so that equality joins on package keys work on both.
 */
export interface AssetTable {
  id: string;
  name: string;
  type: AssetType;
  version: string | null;
  source: string;
  created_at: string;
  updated_at: string;
}

export interface ComponentTable {
  id: string;
  asset_id: string;
  name: string;
  version: string | null;
  component_type: string | null;
  purl: string | null;
  purl_type: string | null;
  purl_namespace: string | null;
  purl_name: string | null;
  cpe: string | null;
  bom_ref: string | null;
  /** Release key of the PURL's `distro` qualifier (`12`, `3.18`), see core releaseOfPurl. */
  distro_release: string | null;
  /** How many entries of the imported SBOM this row stands for: identical entries collapse (docs/adr/0023). */
  occurrences: number;
  /** Why the SBOM's facts about the component disagree (its version field and its PURL's), or null. */
  identity_conflict: string | null;
}

export interface VulnerabilityTable {
  id: string;
  preferred_id: string;
  summary: string | null;
  published: string | null;
  modified: string;
  withdrawn: string | null;
  source: AdvisorySource;
  record: string;
  imported_at: string;
}

export interface VulnerabilityAliasTable {
  vulnerability_id: string;
  alias: string;
}

export interface AffectedPackageTable {
  id: string;
  vulnerability_id: string;
  ecosystem: string;
  purl_type: string;
  purl_namespace: string;
  purl_name: string;
  /** Release key the entry is scoped to (`Debian:12` → `12`), or null. */
  release: string | null;
  /** JSON AffectedRange[]: canonical vers and the advisory's own statement. */
  ranges: string;
  /** JSON string[]: explicitly listed versions. */
  versions: string;
  /** JSON SkippedRange[]: ranges that could not be converted, with the reason. */
  skipped: string;
}

export interface FindingTable {
  id: string;
  asset_id: string;
  /** Null once the component is gone from the inventory; the snapshot below still says what it was. */
  component_id: string | null;
  vulnerability_id: string;
  component_name: string;
  component_version: string | null;
  component_purl: string | null;
  status: FindingStatus;
  source: AdvisorySource;
  confidence: Confidence;
  /** JSON MatchEvidence & {source} list. */
  evidence: string;
  first_seen: string;
  last_seen: string;
  resolved_at: string | null;
  /** Why the finding was resolved, or null while it is open. */
  resolution: FindingResolution | null;
}

export interface UserTable {
  id: string;
  name: string;
  role: Role;
  password_hash: string;
  created_at: string;
  /** When the user was disabled; their tokens no longer authenticate. Null while enabled. */
  disabled_at: string | null;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  token_hash: string;
  label: string | null;
  expires_at: string | null;
  created_at: string;
  last_used_at: string | null;
  /** When the token was revoked; it no longer authenticates. Null while valid. */
  revoked_at: string | null;
}

/** A CISA KEV entry, keyed by CVE id (docs/adr/0026). */
export interface KevEntryTable {
  cve_id: string;
  vendor_project: string;
  product: string;
  vulnerability_name: string;
  date_added: string;
  short_description: string;
  required_action: string;
  due_date: string;
  known_ransomware_use: string;
  notes: string;
  /** JSON array of `CWE-NNN`. */
  cwes: string;
  /** The version of the complete catalog that no longer listed the entry; null while listed. */
  removed_in: string | null;
  /** When the entry was last written (first seen, changed, removed or listed again). */
  updated_at: string;
}

/** A KEV JSON catalog that was applied: its version, release instant and size. */
export interface KevCatalogTable {
  catalog_version: string;
  date_released: string;
  entry_count: number;
  imported_at: string;
}

/** The latest EPSS score of a CVE. */
export interface EpssScoreTable {
  cve_id: string;
  epss: number;
  percentile: number;
  /** `YYYY-MM-DD`; null when the file gave none (the per-year variant without --score-date). */
  score_date: string | null;
  model_version: string | null;
  updated_at: string;
}

/** One row per (CVE, score date) on which the score changed. */
export interface EpssHistoryTable {
  cve_id: string;
  score_date: string;
  epss: number;
  percentile: number;
  model_version: string | null;
}

/** A record of a record feed (NVD, CVE JSON 5) as it came, keyed by source and id (docs/adr/0027). */
export interface SourceRecordTable {
  source: string;
  id: string;
  /** `YYYY-MM-DDTHH:MM:SS.sssZ`: text order is time order. */
  modified: string;
  published: string | null;
  /** When rejected or withdrawn; null while valid. */
  withdrawn: string | null;
  /** The source's own status (NVD's `vulnStatus`). */
  status: string | null;
  summary: string | null;
  /** The headline CVSS base score as fleetpatch scores it; null when none or unscorable. */
  cvss_score: number | null;
  cvss_version: string | null;
  /** SHA-256 (base64url) of the record's bytes as received: the same bytes again change nothing. */
  digest: string;
  /** The record as received (whitespace between tokens removed); core's parser reads the rest of it from here. */
  document: string;
  /** When this revision was written. */
  imported_at: string;
  /** When the first revision of the record was written. */
  first_imported_at: string;
}

/** A revision that a newer one replaced: its instant, digest and when it had been imported. */
export interface SourceRecordHistoryTable {
  source: string;
  id: string;
  modified: string;
  digest: string;
  imported_at: string;
  replaced_at: string;
}

/**
 * A product a record names — by a CPE (NVD's criteria, a CNA's `cpes`) or by vendor and product
 * names (a CNA's `affected`, normalised) — the key matching looks records up by.
 */
export interface RecordProductTable {
  vendor: string;
  product: string;
  /** `a`, `o`, `h` or `*` from a CPE; empty when named by vendor and product only. */
  part: string;
  source: string;
  record_id: string;
  /** 1 when the record says some version of it is affected, 0 when it is only a platform. */
  vulnerable: number;
}

/** A feed file applied whole: the same bytes again are skipped. */
export interface SourceFileTable {
  source: string;
  /** SHA-256 (base64url) of the file's bytes as stored (compressed when gzip). */
  digest: string;
  name: string;
  records: number;
  imported_at: string;
}

/** Where a source's online sync stands. */
export interface IntelSyncStateTable {
  source: string;
  /** The end of the last window synced whole: the next sync asks for changes since then. */
  synced_until: string | null;
  /** JSON of an interrupted sync's position (window and next start index); null when none is open. */
  cursor: string | null;
  last_success_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
}

/** One sync run. */
export interface IntelSyncRunTable {
  id: string;
  source: string;
  started_at: string;
  ended_at: string | null;
  pages: number;
  records: number;
  inserted: number;
  updated: number;
  error: string | null;
}

/** The whole database as Kysely sees it. */
export interface Database {
  assets: AssetTable;
  components: ComponentTable;
  vulnerabilities: VulnerabilityTable;
  vulnerability_aliases: VulnerabilityAliasTable;
  affected_packages: AffectedPackageTable;
  findings: FindingTable;
  users: UserTable;
  api_tokens: ApiTokenTable;
  kev_entries: KevEntryTable;
  kev_catalogs: KevCatalogTable;
  epss_scores: EpssScoreTable;
  epss_history: EpssHistoryTable;
  source_records: SourceRecordTable;
  source_record_history: SourceRecordHistoryTable;
  record_products: RecordProductTable;
  source_files: SourceFileTable;
  intel_sync_state: IntelSyncStateTable;
  intel_sync_runs: IntelSyncRunTable;
}
