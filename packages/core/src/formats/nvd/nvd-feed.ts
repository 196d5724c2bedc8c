import { InputError } from "../../errors/app-error.js";
import { escapeControlCharacters } from "../json-input.js";
import type { StreamedRecord } from "../json-stream/json-record-stream.js";
import { isObject } from "../record-fields.js";
import {
  type NvdReadOptions,
  nvdSingleRecordFormat,
  type ParsedNvdRecord,
  parseNvdCve20,
  parseNvdItem11,
} from "./nvd-record.js";

/** The members of an NVD document whose arrays hold its records: the 1.1 feeds' and API 2.0's. */
export const NVD_RECORD_KEYS = ["CVE_Items", "vulnerabilities"] as const;

/** Parse one streamed record of an NVD feed or API page, by the member it came under. */
export function parseNvdFeedRecord(
  streamed: StreamedRecord,
  location: string,
  options: NvdReadOptions = {},
): ParsedNvdRecord {
  const key = streamed.key;
  const path = key === null ? `[${streamed.index}]` : `${key}[${streamed.index}]`;
  let json: unknown;
  try {
    json = JSON.parse(streamed.text);
  } catch (error) {
    throw new InputError(`${path}: not valid JSON: ${escapeControlCharacters((error as Error).message)}`, { location });
  }
  if (key === "CVE_Items") return parseNvdItem11(json, location, path, options);
  if (key === "vulnerabilities") {
    if (!isObject(json) || !isObject(json.cve)) throw new InputError(`${path}.cve is missing`, { location });
    return parseNvdCve20(json.cve, location, `${path}.cve`, options);
  }
  return parseNvdSingle(json, location, path, options);
}

/** One record on its own (a file holding one CVE), in any of NVD's shapes. */
export function parseNvdSingle(
  json: unknown,
  location: string,
  path = "(document)",
  options: NvdReadOptions = {},
): ParsedNvdRecord {
  const format = isObject(json) ? nvdSingleRecordFormat(json) : null;
  if (format === "1.1") return parseNvdItem11(json, location, path, options);
  if (format === "2.0-wrapped") return parseNvdCve20((json as { cve: unknown }).cve, location, `${path}.cve`, options);
  if (format === "2.0") return parseNvdCve20(json, location, path, options);
  throw new InputError(
    `${path} is no NVD CVE record (neither a 1.1 item with cve.CVE_data_meta nor an API 2.0 cve with id and lastModified)`,
    {
      location,
    },
  );
}

/** What an NVD document's header says about it: which feed, and for API pages how many records it promised. */
export interface NvdFeedHeader {
  readonly format: "1.1" | "2.0";
  readonly timestamp: string | null;
  /** API 2.0 pages: the paging the server reported. */
  readonly totalResults: number | null;
  readonly startIndex: number | null;
  readonly resultsPerPage: number | null;
}

/**
 * How many records an API page must hold: every result from its start index, up to its page
 * size. The fallbacks stand in for what the page does not say (the index asked for; the size
 * asked for, or none for a page read from a file).
 */
export function nvdPagePromise(
  page: Pick<NvdFeedHeader, "totalResults" | "startIndex" | "resultsPerPage"> & { readonly totalResults: number },
  fallbackStartIndex: number,
  fallbackPageSize = Number.POSITIVE_INFINITY,
): number {
  return Math.max(
    0,
    Math.min(page.resultsPerPage ?? fallbackPageSize, page.totalResults - (page.startIndex ?? fallbackStartIndex)),
  );
}

/** Check the members besides the records: a 1.1 feed says `CVE_data_format`, an API page `format: NVD_CVE`. */
export function nvdFeedHeader(header: Record<string, unknown>, key: string | null, location: string): NvdFeedHeader {
  const number = (name: string): number | null => {
    const value = header[name];
    if (value === undefined || value === null) return null;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
      throw new InputError(`${name} must be a whole number, not ${JSON.stringify(value)}`, { location });
    }
    return value;
  };
  const text = (name: string): string | null => (typeof header[name] === "string" ? (header[name] as string) : null);
  if (key === "CVE_Items" || "CVE_data_type" in header) {
    return {
      format: "1.1",
      timestamp: text("CVE_data_timestamp"),
      totalResults: null,
      startIndex: null,
      resultsPerPage: null,
    };
  }
  const format = header.format;
  if (format !== undefined && format !== "NVD_CVE") {
    throw new InputError(`format is ${JSON.stringify(format)}; an NVD API 2.0 CVE page says "NVD_CVE"`, { location });
  }
  return {
    format: "2.0",
    timestamp: text("timestamp"),
    totalResults: number("totalResults"),
    startIndex: number("startIndex"),
    resultsPerPage: number("resultsPerPage"),
  };
}
