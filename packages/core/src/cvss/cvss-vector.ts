import { InvalidCvssVectorError } from "./cvss-errors.js";

/** The vector-string grammar of one CVSS version: its prefix and metrics in canonical order. */
export interface CvssGrammar<Metric extends string> {
  /** e.g. `CVSS:3.1/`; empty for v2, whose vectors carry no prefix. */
  readonly prefix: string;
  /** Every metric in the specification's order, with its allowed values. */
  readonly metrics: Readonly<Record<Metric, readonly string[]>>;
  /** Metrics that must appear (the base group). */
  readonly mandatory: readonly Metric[];
  /** The specification requires metrics in canonical order (v2 and v4; v3 allows any order). */
  readonly ordered: boolean;
}

/** The metrics a vector sets, by abbreviation; absent metrics are Not Defined. */
export type CvssMetricValues<Metric extends string> = Readonly<Partial<Record<Metric, string>>>;

function isMetric<Metric extends string>(grammar: CvssGrammar<Metric>, key: string): key is Metric {
  return Object.hasOwn(grammar.metrics, key);
}

/**
 * Split `vector` into metrics, rejecting anything the grammar does not allow. Checks run field by
 * field so the error names the first metric at fault, as a person fixing the vector reads it.
 */
export function parseCvssMetrics<Metric extends string>(
  vector: string,
  grammar: CvssGrammar<Metric>,
): CvssMetricValues<Metric> {
  if (vector === "") throw new InvalidCvssVectorError(vector, "empty-vector", null, "the vector is empty");
  if (!vector.startsWith(grammar.prefix)) {
    throw new InvalidCvssVectorError(vector, "unsupported-prefix", "CVSS", `expected the prefix "${grammar.prefix}"`);
  }
  const canonicalOrder = Object.keys(grammar.metrics);
  const values: Partial<Record<Metric, string>> = {};
  let previousPosition = -1;
  let previousMetric = "";
  const fields = vector.slice(grammar.prefix.length).split("/");
  for (const [index, field] of fields.entries()) {
    if (field === "") {
      const where = index === fields.length - 1 ? "a trailing '/'" : `field ${index + 1} is empty`;
      throw new InvalidCvssVectorError(vector, "empty-field", null, where);
    }
    const parts = field.split(":");
    const [key = "", value = ""] = parts;
    if (parts.length !== 2 || key === "" || value === "") {
      throw new InvalidCvssVectorError(vector, "malformed-field", key || null, `"${field}" is not METRIC:VALUE`);
    }
    if (!isMetric(grammar, key)) {
      throw new InvalidCvssVectorError(vector, "unknown-metric", key, `unknown metric "${key}"`);
    }
    if (values[key] !== undefined) {
      throw new InvalidCvssVectorError(vector, "duplicate-metric", key, `metric ${key} appears twice`);
    }
    const allowed = grammar.metrics[key];
    if (!allowed.includes(value)) {
      throw new InvalidCvssVectorError(
        vector,
        "unknown-value",
        key,
        `"${value}" is not a value of ${key} (allowed: ${allowed.join(", ")})`,
      );
    }
    const position = canonicalOrder.indexOf(key);
    if (grammar.ordered && position < previousPosition) {
      throw new InvalidCvssVectorError(vector, "out-of-order", key, `metric ${key} must come before ${previousMetric}`);
    }
    previousPosition = position;
    previousMetric = key;
    values[key] = value;
  }
  const missing = grammar.mandatory.filter((metric) => values[metric] === undefined);
  const [firstMissing] = missing;
  if (firstMissing !== undefined) {
    throw new InvalidCvssVectorError(
      vector,
      "missing-metric",
      firstMissing,
      `mandatory metric${missing.length > 1 ? "s" : ""} ${missing.join(", ")} missing`,
    );
  }
  return values;
}

/** The vector written back in canonical order, without Not Defined metrics. */
export function formatCvssMetrics<Metric extends string>(
  values: CvssMetricValues<Metric>,
  grammar: CvssGrammar<Metric>,
  notDefined: string,
): string {
  const fields: string[] = [];
  for (const metric of Object.keys(grammar.metrics) as Metric[]) {
    const value = values[metric];
    if (value !== undefined && value !== notDefined) fields.push(`${metric}:${value}`);
  }
  return grammar.prefix + fields.join("/");
}
