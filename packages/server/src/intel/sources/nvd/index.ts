import {
  headlineMetric,
  NVD_RECORD_KEYS,
  nvdFeedHeader,
  type ParsedNvdRecord,
  parseNvdFeedRecord,
  parseNvdSingle,
  scoreVector,
} from "@fleetpatch/core";
import type { PreparedRecordFields, RecordFeedSource } from "../source.js";

// The first bytes of each NVD shape: a 1.1 feed or item, an API 2.0 page, a bare or wrapped 2.0 CVE.
const NVD_11 = /"(?:CVE_Items|CVE_data_type|CVE_data_meta)"\s*:/;
const NVD_20_PAGE = /"format"\s*:\s*"NVD_CVE"/;
const NVD_20_CVE =
  /"id"\s*:\s*"CVE-\d{4}-\d+"[\s\S]*"sourceIdentifier"\s*:|"sourceIdentifier"\s*:[\s\S]*"id"\s*:\s*"CVE-/;

const IMPORT = { withVers: false } as const;

/** Columns of one parsed record. */
function columns(parsed: ParsedNvdRecord): PreparedRecordFields {
  const { record, products } = parsed;
  const headline = headlineMetric(record);
  const scored = headline === null ? null : scoreVector(headline.vector);
  return {
    id: record.id,
    modified: record.modified,
    published: record.published,
    withdrawn: record.withdrawn,
    status: record.status,
    summary: record.summary,
    cvssScore: scored?.score ?? null,
    cvssVersion: headline?.version ?? null,
    products,
  };
}

/** NVD CVE records: API 2.0 pages and records, the 1.1 JSON feeds (also gzip-compressed); the parser is core's. */
export const nvdSource: RecordFeedSource = {
  kind: "records",
  name: "nvd",
  description: "NVD CVE JSON (API 2.0 or 1.1 feeds)",
  fileExtensions: [".json", ".gz"],
  recognises: (head) => NVD_11.test(head) || NVD_20_PAGE.test(head) || NVD_20_CVE.test(head),
  recordKeys: NVD_RECORD_KEYS,
  // An import validates every field and indexes the products; vers is built when the record is read.
  prepare: (streamed, location) => columns(parseNvdFeedRecord(streamed, location, IMPORT)),
  prepareSingle: (json, location) => columns(parseNvdSingle(json, location, "(document)", IMPORT)),
  checkHeader: (header, key, location) => {
    const info = nvdFeedHeader(header, key, location);
    return {
      format: info.format,
      totalResults: info.totalResults,
      startIndex: info.startIndex,
      resultsPerPage: info.resultsPerPage,
    };
  },
};
