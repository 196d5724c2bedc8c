import {
  type Cve5Metric,
  cvssVersionRank,
  escapeControlCharacters,
  InputError,
  isCve5Record,
  notCve5Record,
  type ParsedCve5Record,
  parseCve5Record,
  scoreVector,
} from "@fleetpatch/core";
import type { PreparedRecordFields, RecordFeedSource } from "../source.js";

// A CVE JSON 5 record says so (`"dataType": "CVE_RECORD"`), or its first 4 KiB show its metadata or,
// keys sorted (cvelistV5, OpenSSL's secjson), `{"containers": {"cna": …`.
const CVE5 = /"dataType"\s*:\s*"CVE_RECORD"|"cveMetadata"\s*:|^\s*\{\s*"containers"\s*:\s*\{\s*"(?:cna|adp)"\s*:/;

/** The headline metric: the newest CVSS version, the CNA's before an ADP's (containers come CNA first). */
function headline(parsed: ParsedCve5Record): Cve5Metric | null {
  let best: Cve5Metric | null = null;
  for (const container of parsed.record.containers) {
    for (const metric of container.metrics) {
      if (best === null || cvssVersionRank(metric.version) > cvssVersionRank(best.version)) best = metric;
    }
  }
  return best;
}

function columns(parsed: ParsedCve5Record): PreparedRecordFields {
  const { record, products } = parsed;
  const metric = headline(parsed);
  return {
    id: record.id,
    modified: record.modified ?? "",
    published: record.published,
    withdrawn: record.withdrawn,
    status: record.state,
    summary: record.summary,
    cvssScore: metric === null ? null : scoreVector(metric.vector).score,
    cvssVersion: metric?.version ?? null,
    products,
  };
}

function parse(json: unknown, location: string, path: string): PreparedRecordFields {
  if (!isCve5Record(json)) throw notCve5Record(path === "(record)" ? location : `${location}: ${path}`);
  return columns(parseCve5Record(json, location, path));
}

/** CVE JSON 5 records (a CNA's own statement of a CVE, with ADP additions): files, directories, the cvelistV5 layout. */
export const cveSource: RecordFeedSource = {
  kind: "records",
  name: "cve",
  description: "CVE JSON 5 records",
  fileExtensions: [".json", ".gz"],
  recognises: (head) => CVE5.test(head),
  recordKeys: [],
  prepare: (streamed, location) => {
    let json: unknown;
    try {
      json = JSON.parse(streamed.text);
    } catch (error) {
      throw new InputError(
        `[${streamed.index}]: not valid JSON: ${escapeControlCharacters((error as Error).message)}`,
        { location },
      );
    }
    return parse(json, location, `[${streamed.index}]`);
  },
  prepareSingle: (json, location) => parse(json, location, "(record)"),
  checkHeader: () => ({ format: "5", totalResults: null, startIndex: null, resultsPerPage: null }),
};
