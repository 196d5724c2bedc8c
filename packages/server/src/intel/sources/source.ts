import type {
  Advisory,
  AdvisorySource,
  EpssCsvReader,
  KevCatalog,
  KevCsvReader,
  StreamedRecord,
} from "@fleetpatch/core";
import type { PreparedRecord } from "../source-record.store.js";

/** What every source shares: how `intel import` tells which source a file belongs to. */
interface SourceBase {
  /** Stable name (`osv`, `kev`, `epss`). */
  readonly name: string;
  /** What it reads, as it fits "no … files found" (`OSV JSON`). */
  readonly description: string;
  /** Extensions of the files it reads (`.json`), searched for in directories. */
  readonly fileExtensions: readonly string[];
  /**
   * Whether a file is this source's, from its first characters (decompressed when gzip) and its
   * lowercased extension (`.csv`, or `.gz` for `x.csv.gz`): content decides, the extension hints.
   */
  recognises(head: string, extension: string): boolean;
}

/**
 * A source of advisories — records with affected packages: one folder under `intel/sources/`,
 * registered in `registry.ts`. Everything after parsing — storage, aliases, matching — is the
 * same for every advisory source.
 */
export interface IntelSource extends SourceBase {
  readonly kind: "advisories";
  /** Stable name, stored with every advisory and shown as a finding's source. */
  readonly name: AdvisorySource;
  /** What to tell the user about a file given by name whose extension is not in `fileExtensions`. */
  unsupportedFileHint(extension: string): string;
  /**
   * Parse one JSON document into advisories; errors are InputErrors naming the record and field,
   * and what the format forbids but changes nothing concluded goes to `warn` (docs/adr/0021).
   */
  parseDocument(json: unknown, location: string, warn: (message: string) => void): Advisory[];
}

/** CISA's KEV catalog: entries keyed by CVE id, not advisories (docs/adr/0026). */
export interface KevSource extends SourceBase {
  readonly kind: "kev";
  readonly name: "kev";
  /** Whether the file is the JSON catalog (else the CSV). */
  isJson(head: string): boolean;
  parseJson(json: unknown, location: string): KevCatalog;
  csvReader(location: string): KevCsvReader;
}

/** EPSS scores keyed by CVE id, read line by line (docs/adr/0026). */
export interface EpssSource extends SourceBase {
  readonly kind: "epss";
  readonly name: "epss";
  reader(location: string, scoreDate: string | null): EpssCsvReader;
}

/** What a record feed's parser gives of one record; the digest and the document are the bytes'. */
export type PreparedRecordFields = Omit<PreparedRecord, "digest" | "document">;

/** What a record feed's members besides its records say (an API page's paging). */
export interface FeedHeaderInfo {
  readonly format: string;
  readonly totalResults: number | null;
  readonly startIndex: number | null;
  readonly resultsPerPage: number | null;
}

/**
 * A feed of records kept per source as they came (NVD; docs/adr/0027): read as a stream of
 * records, each parsed on its own, so a feed of any size costs one batch of memory.
 */
export interface RecordFeedSource extends SourceBase {
  readonly kind: "records";
  readonly name: "nvd" | "cve";
  /** Members of the top-level object whose arrays hold the records. */
  readonly recordKeys: readonly string[];
  /** One streamed record, parsed; errors name the record and the JSON path. */
  prepare(streamed: StreamedRecord, location: string): PreparedRecordFields;
  /** A document that is one record on its own. */
  prepareSingle(json: unknown, location: string): PreparedRecordFields;
  /** Check what the document said besides its records. */
  checkHeader(header: Record<string, unknown>, key: string | null, location: string): FeedHeaderInfo;
}

/** Any registered source. */
export type AnyIntelSource = IntelSource | KevSource | EpssSource | RecordFeedSource;
