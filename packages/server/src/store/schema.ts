/**
 * Table types for Kysely. Timestamps are ISO-8601 UTC strings and JSON columns are text on both
 * dialects, so rows read the same from SQLite and PostgreSQL (docs/adr/0002-store.md).
 * Absent namespaces are stored as '' so that equality joins on package keys work on both.
 */
export interface AssetTable {
  id: string;
  name: string;
  type: string;
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
}

export interface VulnerabilityTable {
  id: string;
  preferred_id: string;
  summary: string | null;
  published: string | null;
  modified: string;
  withdrawn: string | null;
  source: string;
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
  affected: string;
}

export interface FindingTable {
  id: string;
  asset_id: string;
  component_id: string;
  vulnerability_id: string;
  status: string;
  source: string;
  confidence: string;
  evidence: string;
  first_seen: string;
  last_seen: string;
}

export interface UserTable {
  id: string;
  name: string;
  role: string;
  password_hash: string;
  created_at: string;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  token_hash: string;
  label: string | null;
  expires_at: string | null;
  created_at: string;
  last_used_at: string | null;
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
}
