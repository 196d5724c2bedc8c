import type { CvssVersion } from "../../cvss/cvss.js";
import { isCveId } from "../osv/preferred-id.js";
import {
  fieldError,
  isObject,
  nvdInstant,
  objectItem,
  optionalArray,
  optionalNumber,
  optionalObject,
  optionalString,
  type RecordPlace,
  requiredString,
} from "../record-fields.js";
import { ConfigurationReader, type NvdProduct } from "./nvd-configurations.js";
import type { NvdMetric, NvdNode, NvdRecord, NvdReference, NvdWeakness } from "./nvd-types.js";

/** How a record is read. */
export interface NvdReadOptions {
  /** Whether each criterion gets its canonical vers (default true; an import leaves it to the read view). */
  readonly withVers?: boolean;
}

/** A record and the products its configurations name. */
export interface ParsedNvdRecord {
  readonly record: NvdRecord;
  readonly products: readonly NvdProduct[];
}

/** Bounds on a record's lists and texts; real records stay far below (the most referenced has ~1,700 links). */
export const NVD_RECORD_LIMITS = {
  descriptions: 100,
  descriptionLength: 100_000,
  references: 20_000,
  urlLength: 10_000,
  tags: 100,
  metrics: 200,
  weaknesses: 200,
  configurations: 10_000,
} as const;

/** The `CVE_Items[12] (CVE-2014-0160)` a message names. */
function placeOf(location: string, path: string, id: string | undefined): RecordPlace {
  return { location, path, record: id === undefined ? path : `${path} (${id})` };
}

function cveId(value: unknown, location: string, path: string, field: string): string {
  const place = placeOf(location, path, undefined);
  if (typeof value !== "string")
    throw fieldError(place, field, value === undefined ? "is missing (the CVE id)" : "must be a string");
  if (!isCveId(value))
    throw fieldError(place, field, `is ${JSON.stringify(value.slice(0, 80))}, not a CVE id (CVE-2014-0160)`);
  return value;
}

/**
 * One item of a 1.1 feed's `CVE_Items` (`cve`, `configurations`, `impact`, `publishedDate`,
 * `lastModifiedDate`). `path` names it in errors (`CVE_Items[12]`).
 */
export function parseNvdItem11(
  value: unknown,
  location: string,
  path: string,
  options: NvdReadOptions = {},
): ParsedNvdRecord {
  const recordPlace = placeOf(location, path, undefined);
  const item = objectItem(value, recordPlace, path);
  const cve = optionalObject(item, "cve", recordPlace, path);
  if (!cve) throw fieldError(recordPlace, `${path}.cve`, "is missing");
  const meta = optionalObject(cve, "CVE_data_meta", recordPlace, `${path}.cve`);
  const id = cveId(meta?.ID, location, path, `${path}.cve.CVE_data_meta.ID`);
  const place = placeOf(location, path, id);
  const modified = nvdInstant(
    requiredString(item, "lastModifiedDate", place, path, 64),
    place,
    `${path}.lastModifiedDate`,
  );
  const publishedText = optionalString(item, "publishedDate", place, path, 64);
  const published = publishedText === undefined ? null : nvdInstant(publishedText, place, `${path}.publishedDate`);

  const descriptionData = optionalObject(cve, "description", place, `${path}.cve`);
  const descriptions = descriptionList(
    descriptionData === undefined
      ? []
      : optionalArray(
          descriptionData,
          "description_data",
          place,
          `${path}.cve.description`,
          NVD_RECORD_LIMITS.descriptions,
        ),
    place,
    `${path}.cve.description.description_data`,
  );
  const summary = englishFirst(descriptions);
  const rejected = summary?.startsWith("** REJECT **") === true;

  const weaknesses: NvdWeakness[] = [];
  const problemtype = optionalObject(cve, "problemtype", place, `${path}.cve`);
  const problemData =
    problemtype === undefined
      ? []
      : optionalArray(problemtype, "problemtype_data", place, `${path}.cve.problemtype`, NVD_RECORD_LIMITS.weaknesses);
  problemData.forEach((entry, index) => {
    const entryPath = `${path}.cve.problemtype.problemtype_data[${index}]`;
    for (const description of descriptionList(
      optionalArray(objectItem(entry, place, entryPath), "description", place, entryPath, NVD_RECORD_LIMITS.weaknesses),
      place,
      `${entryPath}.description`,
    )) {
      weaknesses.push({ source: "nvd@nist.gov", type: "Primary", cwe: description.value });
    }
  });

  const referenceBlock = optionalObject(cve, "references", place, `${path}.cve`);
  const references = (
    referenceBlock === undefined
      ? []
      : optionalArray(referenceBlock, "reference_data", place, `${path}.cve.references`, NVD_RECORD_LIMITS.references)
  ).map((entry, index) => reference(entry, place, `${path}.cve.references.reference_data[${index}]`, "refsource"));

  const metrics: NvdMetric[] = [];
  const impact = optionalObject(item, "impact", place, path);
  if (impact) {
    const v3 = optionalObject(impact, "baseMetricV3", place, `${path}.impact`);
    const v3Data = v3 === undefined ? undefined : optionalObject(v3, "cvssV3", place, `${path}.impact.baseMetricV3`);
    if (v3Data)
      metrics.push(metric(v3Data, "nvd@nist.gov", "Primary", undefined, place, `${path}.impact.baseMetricV3.cvssV3`));
    const v2 = optionalObject(impact, "baseMetricV2", place, `${path}.impact`);
    const v2Data = v2 === undefined ? undefined : optionalObject(v2, "cvssV2", place, `${path}.impact.baseMetricV2`);
    if (v2 && v2Data) {
      const severity = optionalString(v2, "severity", place, `${path}.impact.baseMetricV2`, 32);
      metrics.push(metric(v2Data, "nvd@nist.gov", "Primary", severity, place, `${path}.impact.baseMetricV2.cvssV2`));
    }
  }

  const reader = new ConfigurationReader(place, options.withVers ?? true);
  const configurationBlock = optionalObject(item, "configurations", place, path);
  const configurations: NvdNode[] = (
    configurationBlock === undefined
      ? []
      : optionalArray(configurationBlock, "nodes", place, `${path}.configurations`, NVD_RECORD_LIMITS.configurations)
  ).map((node, index) => reader.node11(node, `${path}.configurations.nodes[${index}]`));

  const record: NvdRecord = {
    id,
    format: "1.1",
    sourceIdentifier: optionalString(meta ?? {}, "ASSIGNER", place, `${path}.cve.CVE_data_meta`, 256) ?? null,
    published,
    modified,
    status: rejected ? "Rejected" : null,
    withdrawn: rejected ? modified : null,
    summary,
    descriptions,
    metrics,
    weaknesses,
    references,
    configurations,
  };
  return { record, products: reader.namedProducts() };
}

/**
 * One CVE of API 2.0 (the `cve` of a `vulnerabilities[]` entry, or a bare record): `id`,
 * `published`, `lastModified`, `vulnStatus`, `descriptions`, `metrics`, `weaknesses`,
 * `configurations`, `references`. `path` names it in errors (`vulnerabilities[3].cve`).
 */
export function parseNvdCve20(
  value: unknown,
  location: string,
  path: string,
  options: NvdReadOptions = {},
): ParsedNvdRecord {
  const recordPlace = placeOf(location, path, undefined);
  const cve = objectItem(value, recordPlace, path);
  const id = cveId(cve.id, location, path, `${path}.id`);
  const place = placeOf(location, path, id);
  const modified = nvdInstant(requiredString(cve, "lastModified", place, path, 64), place, `${path}.lastModified`);
  const publishedText = optionalString(cve, "published", place, path, 64);
  const published = publishedText === undefined ? null : nvdInstant(publishedText, place, `${path}.published`);
  const status = optionalString(cve, "vulnStatus", place, path, 64) ?? null;
  const descriptions = descriptionList(
    optionalArray(cve, "descriptions", place, path, NVD_RECORD_LIMITS.descriptions),
    place,
    `${path}.descriptions`,
  );

  const metrics: NvdMetric[] = [];
  const metricBlock = optionalObject(cve, "metrics", place, path);
  if (metricBlock) {
    for (const [key, version] of METRIC_KEYS) {
      optionalArray(metricBlock, key, place, `${path}.metrics`, NVD_RECORD_LIMITS.metrics).forEach((entry, index) => {
        const entryPath = `${path}.metrics.${key}[${index}]`;
        const scored = objectItem(entry, place, entryPath);
        const data = optionalObject(scored, "cvssData", place, entryPath);
        if (!data) throw fieldError(place, `${entryPath}.cvssData`, "is missing");
        const severity = optionalString(scored, "baseSeverity", place, entryPath, 32);
        metrics.push(
          metric(
            data,
            requiredString(scored, "source", place, entryPath, 256),
            metricType(scored, place, entryPath),
            severity,
            place,
            `${entryPath}.cvssData`,
            version,
          ),
        );
      });
    }
  }

  const weaknesses: NvdWeakness[] = [];
  optionalArray(cve, "weaknesses", place, path, NVD_RECORD_LIMITS.weaknesses).forEach((entry, index) => {
    const entryPath = `${path}.weaknesses[${index}]`;
    const weakness = objectItem(entry, place, entryPath);
    const source = requiredString(weakness, "source", place, entryPath, 256);
    const type = metricType(weakness, place, entryPath);
    for (const description of descriptionList(
      optionalArray(weakness, "description", place, entryPath, NVD_RECORD_LIMITS.weaknesses),
      place,
      `${entryPath}.description`,
    )) {
      weaknesses.push({ source, type, cwe: description.value });
    }
  });

  const references = optionalArray(cve, "references", place, path, NVD_RECORD_LIMITS.references).map((entry, index) =>
    reference(entry, place, `${path}.references[${index}]`, "source"),
  );

  const reader = new ConfigurationReader(place, options.withVers ?? true);
  const configurations = optionalArray(cve, "configurations", place, path, NVD_RECORD_LIMITS.configurations).map(
    (entry, index) => reader.configuration20(entry, `${path}.configurations[${index}]`),
  );
  const rejected = status === "Rejected";
  const record: NvdRecord = {
    id,
    format: "2.0",
    sourceIdentifier: optionalString(cve, "sourceIdentifier", place, path, 256) ?? null,
    published,
    modified,
    status,
    withdrawn: rejected ? modified : null,
    summary: englishFirst(descriptions),
    descriptions,
    metrics,
    weaknesses,
    references,
    configurations,
  };
  return { record, products: reader.namedProducts() };
}

const METRIC_KEYS: ReadonlyArray<readonly [string, CvssVersion]> = [
  ["cvssMetricV40", "4.0"],
  ["cvssMetricV31", "3.1"],
  ["cvssMetricV30", "3.0"],
  ["cvssMetricV2", "2.0"],
];

function metricType(entry: Record<string, unknown>, place: RecordPlace, path: string): "Primary" | "Secondary" {
  const type = entry.type;
  if (type === "Primary" || type === "Secondary") return type;
  throw fieldError(
    place,
    `${path}.type`,
    type === undefined ? "is missing" : `is ${JSON.stringify(type)}, not Primary or Secondary`,
  );
}

/** A CVSS block (`cvssV3`, `cvssData`): version, vector and the stated base score. */
function metric(
  data: Record<string, unknown>,
  source: string,
  type: "Primary" | "Secondary",
  severity: string | undefined,
  place: RecordPlace,
  path: string,
  expectedVersion?: CvssVersion,
): NvdMetric {
  const vector = requiredString(data, "vectorString", place, path, 512);
  const stated = optionalString(data, "version", place, path, 8) ?? expectedVersion;
  const version = stated === "2.0" || stated === "3.0" || stated === "3.1" || stated === "4.0" ? stated : undefined;
  if (version === undefined)
    throw fieldError(
      place,
      `${path}.version`,
      `is ${JSON.stringify(stated)}, not a CVSS version fleetpatch reads (2.0, 3.0, 3.1, 4.0)`,
    );
  return {
    source,
    type,
    version,
    vector,
    baseScore: optionalNumber(data, "baseScore", place, path) ?? null,
    baseSeverity: optionalString(data, "baseSeverity", place, path, 32) ?? severity ?? null,
  };
}

function descriptionList(entries: readonly unknown[], place: RecordPlace, path: string) {
  return entries.map((entry, index) => {
    const description = objectItem(entry, place, `${path}[${index}]`);
    return {
      lang: optionalString(description, "lang", place, `${path}[${index}]`, 35) ?? "",
      value: requiredString(
        description,
        "value",
        place,
        `${path}[${index}]`,
        NVD_RECORD_LIMITS.descriptionLength,
        true,
      ),
    };
  });
}

function englishFirst(descriptions: ReadonlyArray<{ lang: string; value: string }>): string | null {
  return (descriptions.find((entry) => entry.lang === "en") ?? descriptions[0])?.value ?? null;
}

function reference(entry: unknown, place: RecordPlace, path: string, sourceKey: "source" | "refsource"): NvdReference {
  const link = objectItem(entry, place, path);
  const tags = optionalArray(link, "tags", place, path, NVD_RECORD_LIMITS.tags).map((tag, index) => {
    if (typeof tag !== "string") throw fieldError(place, `${path}.tags[${index}]`, "must be a string");
    return tag;
  });
  return {
    url: requiredString(link, "url", place, path, NVD_RECORD_LIMITS.urlLength),
    source: optionalString(link, sourceKey, place, path, 256) ?? null,
    tags,
  };
}

/** Whether a parsed document is one NVD record on its own, and in which format. */
export function nvdSingleRecordFormat(document: Record<string, unknown>): "1.1" | "2.0-wrapped" | "2.0" | null {
  if (isObject(document.cve) && isObject((document.cve as Record<string, unknown>).CVE_data_meta)) return "1.1";
  if (isObject(document.cve) && typeof (document.cve as Record<string, unknown>).id === "string") return "2.0-wrapped";
  if (typeof document.id === "string" && "lastModified" in document) return "2.0";
  return null;
}
