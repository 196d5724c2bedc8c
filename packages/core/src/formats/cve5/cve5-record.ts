import { parseCpe } from "../../cpe/binding.js";
import type { CvssVersion } from "../../cvss/cvss.js";
import { InputError } from "../../errors/app-error.js";
import { type NvdProduct, nameProduct } from "../nvd/nvd-configurations.js";
import { isCveId } from "../osv/preferred-id.js";
import {
  checkedString,
  feedInstant,
  fieldError,
  isObject,
  objectItem,
  optionalArray,
  optionalNumber,
  optionalObject,
  optionalString,
  type RecordPlace,
  requiredString,
} from "../record-fields.js";
import type { Cve5Affected, Cve5Container, Cve5Metric, Cve5Record, Cve5Ssvc, Cve5Version } from "./cve5-types.js";

/** A record and the products its containers name. */
export interface ParsedCve5Record {
  readonly record: Cve5Record;
  /** By CPE (`cpes`) and by vendor and product names (part empty). */
  readonly products: readonly NvdProduct[];
}

/** Bounds no real record comes near; past them a record is refused rather than read. */
export const CVE5_LIMITS = {
  containers: 100,
  affected: 10_000,
  versions: 10_000,
  changes: 1_000,
  cpes: 1_000,
  descriptions: 100,
  descriptionLength: 100_000,
  references: 20_000,
  urlLength: 10_000,
  metrics: 200,
  problemTypes: 200,
  nameLength: 2_048,
  versionLength: 1_024,
} as const;

const STATUSES = new Set(["affected", "unaffected", "unknown"]);
const METRIC_KEYS: ReadonlyArray<readonly [string, CvssVersion]> = [
  ["cvssV4_0", "4.0"],
  ["cvssV3_1", "3.1"],
  ["cvssV3_0", "3.0"],
  ["cvssV2_0", "2.0"],
];

/** A vendor or product name as CPE writes names: lowercase, trimmed, runs of spaces as one `_`. */
export function productKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, "_");
}

/** Whether a parsed document is a CVE JSON 5 record. */
export function isCve5Record(json: unknown): boolean {
  return (
    isObject(json) && (json.dataType === "CVE_RECORD" || (isObject(json.cveMetadata) && isObject(json.containers)))
  );
}

/**
 * One CVE JSON 5 record (schema 5.x): its metadata, the CNA's container and every ADP's, each
 * with its affected products and versions, CVSS metrics, SSVC and KEV statements, problem types
 * and references. Errors are InputErrors naming the file, the record and the JSON path.
 */
export function parseCve5Record(json: unknown, location: string, path = "(record)"): ParsedCve5Record {
  const outer: RecordPlace = { location, path, record: path };
  const document = objectItem(json, outer, path);
  if (document.dataType !== undefined && document.dataType !== "CVE_RECORD") {
    throw fieldError(
      outer,
      `${path}.dataType`,
      `is ${JSON.stringify(document.dataType)}; a CVE JSON 5 record says "CVE_RECORD"`,
    );
  }
  const meta = optionalObject(document, "cveMetadata", outer, path);
  if (!meta) throw fieldError(outer, `${path}.cveMetadata`, "is missing");
  const id = meta.cveId;
  if (typeof id !== "string" || !isCveId(id)) {
    throw fieldError(
      outer,
      `${path}.cveMetadata.cveId`,
      id === undefined ? "is missing" : `is ${JSON.stringify(String(id).slice(0, 80))}, not a CVE id`,
    );
  }
  const place: RecordPlace = { location, path, record: path === "(record)" ? id : `${path} (${id})` };
  const state = meta.state;
  if (state !== "PUBLISHED" && state !== "REJECTED") {
    throw fieldError(
      place,
      `${path}.cveMetadata.state`,
      `is ${JSON.stringify(state)}; CVE records are PUBLISHED or REJECTED`,
    );
  }
  const instant = (container: Record<string, unknown>, key: string, at: string): string | null => {
    const value = optionalString(container, key, place, at, 64);
    return value === undefined ? null : feedInstant(value, place, `${at}.${key}`);
  };
  const metaPath = `${path}.cveMetadata`;
  const containersBlock = optionalObject(document, "containers", place, path);
  if (!containersBlock) throw fieldError(place, `${path}.containers`, "is missing");
  const products = new Map<string, NvdProduct>();
  const containers: Cve5Container[] = [];
  const cna = optionalObject(containersBlock, "cna", place, `${path}.containers`);
  if (!cna) throw fieldError(place, `${path}.containers.cna`, "is missing");
  containers.push(container(cna, "cna", place, `${path}.containers.cna`, products));
  optionalArray(containersBlock, "adp", place, `${path}.containers`, CVE5_LIMITS.containers).forEach((adp, index) => {
    const adpPath = `${path}.containers.adp[${index}]`;
    containers.push(container(objectItem(adp, place, adpPath), "adp", place, adpPath, products));
  });
  const published = instant(meta, "datePublished", metaPath);
  const updated = instant(meta, "dateUpdated", metaPath);
  const newestContainer = containers
    .map((entry) => entry.dateUpdated)
    .filter((date): date is string => date !== null)
    .sort()
    .at(-1);
  const modified = updated ?? newestContainer ?? published;
  const rejected = state === "REJECTED" ? (instant(meta, "dateRejected", metaPath) ?? modified) : null;
  const cnaContainer = containers[0] as Cve5Container;
  const summary =
    (
      cnaContainer.descriptions.find((entry) => entry.lang.toLowerCase().startsWith("en")) ??
      cnaContainer.descriptions[0]
    )?.value ?? null;
  const record: Cve5Record = {
    id,
    state,
    assigner:
      optionalString(meta, "assignerShortName", place, metaPath, 256) ??
      optionalString(meta, "assignerOrgId", place, metaPath, 256) ??
      null,
    published,
    modified,
    withdrawn: state === "REJECTED" ? (rejected ?? "") : null,
    summary,
    containers,
  };
  return { record, products: [...products.values()] };
}

function container(
  block: Record<string, unknown>,
  role: "cna" | "adp",
  place: RecordPlace,
  path: string,
  products: Map<string, NvdProduct>,
): Cve5Container {
  const provider = optionalObject(block, "providerMetadata", place, path);
  const providerName =
    (provider &&
      (optionalString(provider, "shortName", place, `${path}.providerMetadata`, 256) ??
        optionalString(provider, "orgId", place, `${path}.providerMetadata`, 256))) ??
    role;
  const dateText = provider
    ? optionalString(provider, "dateUpdated", place, `${path}.providerMetadata`, 64)
    : undefined;
  const metrics: Cve5Metric[] = [];
  let ssvc: Cve5Ssvc | null = null;
  let kev: Cve5Container["kev"] = null;
  optionalArray(block, "metrics", place, path, CVE5_LIMITS.metrics).forEach((entry, index) => {
    const metricPath = `${path}.metrics[${index}]`;
    const metric = objectItem(entry, place, metricPath);
    for (const [key, version] of METRIC_KEYS) {
      const data = optionalObject(metric, key, place, metricPath);
      if (!data) continue;
      metrics.push({
        source: providerName,
        version,
        vector: requiredString(data, "vectorString", place, `${metricPath}.${key}`, 512),
        baseScore: optionalNumber(data, "baseScore", place, `${metricPath}.${key}`) ?? null,
        baseSeverity: optionalString(data, "baseSeverity", place, `${metricPath}.${key}`, 32) ?? null,
      });
    }
    const other = optionalObject(metric, "other", place, metricPath);
    if (!other) return;
    const type = optionalString(other, "type", place, `${metricPath}.other`, 512);
    const content = optionalObject(other, "content", place, `${metricPath}.other`);
    if (type === "ssvc" && content) ssvc = ssvcOf(content, providerName, place, `${metricPath}.other.content`);
    if (type === "kev" && content) {
      kev = {
        dateAdded: optionalString(content, "dateAdded", place, `${metricPath}.other.content`, 64) ?? null,
        reference:
          optionalString(content, "reference", place, `${metricPath}.other.content`, CVE5_LIMITS.urlLength) ?? null,
      };
    }
  });
  const cwes: string[] = [];
  optionalArray(block, "problemTypes", place, path, CVE5_LIMITS.problemTypes).forEach((entry, index) => {
    const typePath = `${path}.problemTypes[${index}]`;
    optionalArray(
      objectItem(entry, place, typePath),
      "descriptions",
      place,
      typePath,
      CVE5_LIMITS.problemTypes,
    ).forEach((item, at) => {
      const description = objectItem(item, place, `${typePath}.descriptions[${at}]`);
      const cwe = optionalString(description, "cweId", place, `${typePath}.descriptions[${at}]`, 64);
      if (cwe !== undefined && !cwes.includes(cwe)) cwes.push(cwe);
    });
  });
  return {
    role,
    provider: providerName,
    dateUpdated: dateText === undefined ? null : feedInstant(dateText, place, `${path}.providerMetadata.dateUpdated`),
    title: optionalString(block, "title", place, path, CVE5_LIMITS.nameLength, true) ?? null,
    descriptions: optionalArray(block, "descriptions", place, path, CVE5_LIMITS.descriptions).map((entry, index) => {
      const description = objectItem(entry, place, `${path}.descriptions[${index}]`);
      return {
        lang: optionalString(description, "lang", place, `${path}.descriptions[${index}]`, 35) ?? "",
        value: requiredString(
          description,
          "value",
          place,
          `${path}.descriptions[${index}]`,
          CVE5_LIMITS.descriptionLength,
          true,
        ),
      };
    }),
    affected: optionalArray(block, "affected", place, path, CVE5_LIMITS.affected).map((entry, index) =>
      affectedOf(objectItem(entry, place, `${path}.affected[${index}]`), place, `${path}.affected[${index}]`, products),
    ),
    metrics,
    ssvc,
    kev,
    cwes,
    references: optionalArray(block, "references", place, path, CVE5_LIMITS.references).map((entry, index) => {
      const reference = objectItem(entry, place, `${path}.references[${index}]`);
      const refPath = `${path}.references[${index}]`;
      return {
        url: requiredString(reference, "url", place, refPath, CVE5_LIMITS.urlLength),
        name: optionalString(reference, "name", place, refPath, CVE5_LIMITS.nameLength, true) ?? null,
        tags: optionalArray(reference, "tags", place, refPath, 100).map((tag, at) =>
          checkedString(tag, place, `${refPath}.tags[${at}]`, 256, false),
        ),
      };
    }),
  };
}

function ssvcOf(content: Record<string, unknown>, source: string, place: RecordPlace, path: string): Cve5Ssvc {
  const options: Record<string, string> = {};
  optionalArray(content, "options", place, path, 50).forEach((entry, index) => {
    const option = objectItem(entry, place, `${path}.options[${index}]`);
    for (const [name, value] of Object.entries(option)) {
      options[checkedString(name, place, `${path}.options[${index}]`, 128, false)] = checkedString(
        value,
        place,
        `${path}.options[${index}].${name}`,
        128,
        false,
      );
    }
  });
  const timestamp = optionalString(content, "timestamp", place, path, 64);
  return {
    source,
    version: optionalString(content, "version", place, path, 32) ?? null,
    timestamp:
      timestamp === undefined ? null : feedInstant(timestamp.replace(/(\.\d{3})\d+/, "$1"), place, `${path}.timestamp`),
    options,
  };
}

function status(value: unknown, place: RecordPlace, path: string): "affected" | "unaffected" | "unknown" {
  if (typeof value === "string" && STATUSES.has(value)) return value as "affected" | "unaffected" | "unknown";
  throw fieldError(
    place,
    path,
    value === undefined ? "is missing" : `is ${JSON.stringify(value)}, not affected, unaffected or unknown`,
  );
}

function affectedOf(
  entry: Record<string, unknown>,
  place: RecordPlace,
  path: string,
  products: Map<string, NvdProduct>,
): Cve5Affected {
  const vendor = optionalString(entry, "vendor", place, path, CVE5_LIMITS.nameLength) ?? null;
  const product = optionalString(entry, "product", place, path, CVE5_LIMITS.nameLength) ?? null;
  const packageName = optionalString(entry, "packageName", place, path, CVE5_LIMITS.nameLength) ?? null;
  if (product === null && packageName === null)
    throw fieldError(place, path, "names neither a product nor a packageName");
  const defaultStatus =
    entry.defaultStatus === undefined ? null : status(entry.defaultStatus, place, `${path}.defaultStatus`);
  const versions: Cve5Version[] = optionalArray(entry, "versions", place, path, CVE5_LIMITS.versions).map(
    (item, index) => {
      const versionPath = `${path}.versions[${index}]`;
      const version = objectItem(item, place, versionPath);
      const result: Record<string, unknown> = {
        version: requiredString(version, "version", place, versionPath, CVE5_LIMITS.versionLength),
        status: status(version.status, place, `${versionPath}.status`),
      };
      for (const key of ["versionType", "lessThan", "lessThanOrEqual"] as const) {
        const value = optionalString(version, key, place, versionPath, CVE5_LIMITS.versionLength);
        if (value !== undefined) result[key] = value;
      }
      if (result.lessThan !== undefined && result.lessThanOrEqual !== undefined) {
        throw fieldError(place, versionPath, "has both lessThan and lessThanOrEqual");
      }
      const changes = optionalArray(version, "changes", place, versionPath, CVE5_LIMITS.changes);
      if (changes.length > 0) {
        result.changes = changes.map((change, at) => {
          const changePath = `${versionPath}.changes[${at}]`;
          const object = objectItem(change, place, changePath);
          return {
            at: requiredString(object, "at", place, changePath, CVE5_LIMITS.versionLength),
            status: status(object.status, place, `${changePath}.status`),
          };
        });
      }
      return result as unknown as Cve5Version;
    },
  );
  const vulnerable =
    defaultStatus === "affected" ||
    versions.some(
      (version) => version.status === "affected" || version.changes?.some((change) => change.status === "affected"),
    );
  const cpes = optionalArray(entry, "cpes", place, path, CVE5_LIMITS.cpes).map((cpe, index) => {
    const text = checkedString(cpe, place, `${path}.cpes[${index}]`, 1_000, false);
    let wfn: ReturnType<typeof parseCpe>;
    try {
      wfn = parseCpe(text);
    } catch (error) {
      throw fieldError(place, `${path}.cpes[${index}]`, `is not a CPE name: ${(error as InputError).message}`);
    }
    const plain = (value: unknown) => (typeof value === "string" ? value.replace(/\\(.)/g, "$1").toLowerCase() : "*");
    nameProduct(products, plain(wfn.part), plain(wfn.vendor), plain(wfn.product), vulnerable);
    return text;
  });
  const vendorKey = vendor === null ? null : productKey(vendor);
  const productKeyValue = product === null ? null : productKey(product);
  if (vendorKey !== null && productKeyValue !== null && vendorKey !== "n/a" && productKeyValue !== "n/a") {
    nameProduct(products, "", vendorKey, productKeyValue, vulnerable);
  }
  return {
    vendor,
    product,
    vendorKey,
    productKey: productKeyValue,
    packageName,
    collectionURL: optionalString(entry, "collectionURL", place, path, CVE5_LIMITS.urlLength) ?? null,
    repo: optionalString(entry, "repo", place, path, CVE5_LIMITS.urlLength) ?? null,
    cpes,
    platforms: optionalArray(entry, "platforms", place, path, 1_000).map((platform, index) =>
      checkedString(platform, place, `${path}.platforms[${index}]`, 1_000, false),
    ),
    defaultStatus,
    versions,
  };
}

/** A file that is no CVE record: the message names what it lacks. */
export function notCve5Record(location: string): InputError {
  return new InputError("not a CVE JSON 5 record: it has no cveMetadata and containers", { location });
}
