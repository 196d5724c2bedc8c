/**
 * CVSS v4.0, from FIRST's specification document (section 7 vector string, section 8 scoring) and
 * its reference calculator, whose MacroVector tables are embedded from
 * `cvss4-tables.generated.ts`. The specification fixes the metric order of the vector string, so
 * order is enforced. The score is interpolated in binary floating point exactly as the reference
 * calculator does it (same operations, same order): the published scores are that calculator's
 * output, and a "more exact" computation would disagree with it on values near a half tenth.
 */
import { type CvssSeverity, cvssSeverity } from "./cvss-severity.js";
import { type CvssGrammar, type CvssMetricValues, formatCvssMetrics, parseCvssMetrics } from "./cvss-vector.js";
import {
  CVSS_V4_MACRO_VECTOR_SCORES,
  CVSS_V4_MAX_COMPOSED,
  CVSS_V4_MAX_SEVERITY,
  CVSS_V4_METRIC_VALUES,
} from "./cvss4-tables.generated.js";
import { decimalFromDouble, roundHalfUp, toNumber } from "./exact-decimal.js";

/** Metric abbreviations of CVSS v4.0 in vector order. */
export type CvssV4Metric = keyof typeof CVSS_V4_METRIC_VALUES;

/** Which metric groups a v4.0 score reflects (specification section 1.3 nomenclature). */
export type CvssV4Nomenclature = "CVSS-B" | "CVSS-BT" | "CVSS-BE" | "CVSS-BTE";

const BASE_METRICS = [
  "AV",
  "AC",
  "AT",
  "PR",
  "UI",
  "VC",
  "VI",
  "VA",
  "SC",
  "SI",
  "SA",
] as const satisfies readonly CvssV4Metric[];
const THREAT_METRICS = ["E"] as const satisfies readonly CvssV4Metric[];
const ENVIRONMENTAL_METRICS = [
  "CR",
  "IR",
  "AR",
  "MAV",
  "MAC",
  "MAT",
  "MPR",
  "MUI",
  "MVC",
  "MVI",
  "MVA",
  "MSC",
  "MSI",
  "MSA",
] as const satisfies readonly CvssV4Metric[];

/** The v4.0 vector grammar. */
export const CVSS_V4_GRAMMAR: CvssGrammar<CvssV4Metric> = {
  prefix: "CVSS:4.0/",
  metrics: CVSS_V4_METRIC_VALUES,
  mandatory: BASE_METRICS,
  ordered: true,
};

/** A parsed, valid CVSS v4.0 vector. */
export interface CvssV4Vector {
  readonly version: "4.0";
  readonly metrics: CvssMetricValues<CvssV4Metric>;
  /** Canonical form: specification order, X metrics dropped. */
  readonly canonical: string;
}

/** A CVSS v4.0 score: one number, labelled with the metric groups it reflects. */
export interface CvssV4Scores {
  readonly version: "4.0";
  readonly score: number;
  readonly severity: CvssSeverity;
  readonly nomenclature: CvssV4Nomenclature;
  /** The six EQ levels, e.g. `"102011"`, which select the MacroVector. */
  readonly macroVector: string;
}

/** Parse a CVSS v4.0 vector (`CVSS:4.0/AV:N/…`), strictly. */
export function parseCvssV4(vector: string): CvssV4Vector {
  const metrics = parseCvssMetrics(vector, CVSS_V4_GRAMMAR);
  return { version: "4.0", metrics, canonical: formatCvssMetrics(metrics, CVSS_V4_GRAMMAR, "X") };
}

/** Which groups are set to something other than X. */
export function cvssV4Nomenclature(vector: CvssV4Vector): CvssV4Nomenclature {
  const isSet = (metric: CvssV4Metric) => (vector.metrics[metric] ?? "X") !== "X";
  const threat = THREAT_METRICS.some(isSet);
  const environmental = ENVIRONMENTAL_METRICS.some(isSet);
  if (threat && environmental) return "CVSS-BTE";
  if (threat) return "CVSS-BT";
  if (environmental) return "CVSS-BE";
  return "CVSS-B";
}

/** The value the equations use for a metric: modified where set, X read as the worst case. */
type EffectiveValue = (metric: EffectiveMetric) => string;
type EffectiveMetric = (typeof BASE_METRICS)[number] | "E" | "CR" | "IR" | "AR";

function effectiveValues(metrics: CvssMetricValues<CvssV4Metric>): EffectiveValue {
  return (metric) => {
    // Not Defined threat and requirement metrics score as their worst case (spec section 8).
    if (metric === "E") return metrics.E === undefined || metrics.E === "X" ? "A" : metrics.E;
    if (metric === "CR" || metric === "IR" || metric === "AR") {
      const value = metrics[metric];
      return value === undefined || value === "X" ? "H" : value;
    }
    const modified = metrics[`M${metric}`];
    if (modified !== undefined && modified !== "X") return modified;
    const base = metrics[metric];
    if (base === undefined) throw new RangeError(`CVSS v4 base metric ${metric} missing after parsing`);
    return base;
  };
}

/** The six equivalence-class levels (specification Table 24). */
function macroVectorOf(m: EffectiveValue): [number, number, number, number, number, number] {
  const eq1 =
    m("AV") === "N" && m("PR") === "N" && m("UI") === "N"
      ? 0
      : (m("AV") === "N" || m("PR") === "N" || m("UI") === "N") && m("AV") !== "P"
        ? 1
        : 2;
  const eq2 = m("AC") === "L" && m("AT") === "N" ? 0 : 1;
  const eq3 = m("VC") === "H" && m("VI") === "H" ? 0 : m("VC") === "H" || m("VI") === "H" || m("VA") === "H" ? 1 : 2;
  // SI and SA read MSI and MSA, whose extra value S (Safety) lifts EQ4 to its top level.
  const eq4 = m("SI") === "S" || m("SA") === "S" ? 0 : m("SC") === "H" || m("SI") === "H" || m("SA") === "H" ? 1 : 2;
  const eq5 = m("E") === "A" ? 0 : m("E") === "P" ? 1 : 2;
  const eq6 =
    (m("CR") === "H" && m("VC") === "H") || (m("IR") === "H" && m("VI") === "H") || (m("AR") === "H" && m("VA") === "H")
      ? 0
      : 1;
  return [eq1, eq2, eq3, eq4, eq5, eq6];
}

/** Severity levels within a metric, in steps of 0.1: distance from the worst value. */
const LEVELS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  AV: { N: 0.0, A: 0.1, L: 0.2, P: 0.3 },
  PR: { N: 0.0, L: 0.1, H: 0.2 },
  UI: { N: 0.0, P: 0.1, A: 0.2 },
  AC: { L: 0.0, H: 0.1 },
  AT: { N: 0.0, P: 0.1 },
  VC: { H: 0.0, L: 0.1, N: 0.2 },
  VI: { H: 0.0, L: 0.1, N: 0.2 },
  VA: { H: 0.0, L: 0.1, N: 0.2 },
  SC: { H: 0.1, L: 0.2, N: 0.3 },
  SI: { S: 0.0, H: 0.1, L: 0.2, N: 0.3 },
  SA: { S: 0.0, H: 0.1, L: 0.2, N: 0.3 },
  CR: { H: 0.0, M: 0.1, L: 0.2 },
  IR: { H: 0.0, M: 0.1, L: 0.2 },
  AR: { H: 0.0, M: 0.1, L: 0.2 },
};

/** Metrics whose distance from the max vector is measured: the base ones and the requirements. */
const DISTANCE_METRICS = [...BASE_METRICS, "CR", "IR", "AR"] as const satisfies readonly EffectiveMetric[];
type DistanceMetric = (typeof DISTANCE_METRICS)[number];

function level(metric: DistanceMetric, value: string): number {
  const found = LEVELS[metric]?.[value];
  if (found === undefined) throw new RangeError(`CVSS v4 ${metric} has no severity level for ${value}`);
  return found;
}

function lookup<T>(table: Readonly<Record<string, T>>, key: number | string): T {
  const found = table[String(key)];
  if (found === undefined) throw new RangeError(`CVSS v4 table has no entry ${key}`);
  return found;
}

/** Parse `AV:N/PR:N/UI:N/` fragments of the max-composed table into metric → value. */
function parseFragment(fragment: string): Readonly<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const field of fragment.split("/")) {
    const [metric, value] = field.split(":");
    if (metric && value) values[metric] = value;
  }
  return values;
}

/** Every highest-severity vector of the MacroVector: the product of its EQ classes' maxima. */
function maxVectors(eq: readonly number[]): Readonly<Record<string, string>>[] {
  const [eq1, eq2, eq3, eq4, eq5, eq6] = eq as [number, number, number, number, number, number];
  const classes: readonly (readonly string[])[] = [
    lookup<readonly string[]>(CVSS_V4_MAX_COMPOSED.eq1, eq1),
    lookup<readonly string[]>(CVSS_V4_MAX_COMPOSED.eq2, eq2),
    lookup<readonly string[]>(lookup<Readonly<Record<string, readonly string[]>>>(CVSS_V4_MAX_COMPOSED.eq3, eq3), eq6),
    lookup<readonly string[]>(CVSS_V4_MAX_COMPOSED.eq4, eq4),
    lookup<readonly string[]>(CVSS_V4_MAX_COMPOSED.eq5, eq5),
  ];
  let combined: string[] = [""];
  for (const fragments of classes) {
    combined = combined.flatMap((prefix) => fragments.map((fragment) => prefix + fragment));
  }
  return combined.map(parseFragment);
}

function macroScore(eq: readonly number[]): number {
  return CVSS_V4_MACRO_VECTOR_SCORES[eq.join("")] ?? Number.NaN;
}

function withLevel(eq: readonly number[], index: number, step = 1): number[] {
  return eq.map((value, position) => (position === index ? value + step : value));
}

/** Interpolate within the MacroVector: the reference calculator's algorithm, step by step. */
function interpolatedScore(m: EffectiveValue, eq: readonly number[]): number {
  const [eq1, eq2, eq3, eq4, , eq6] = eq as [number, number, number, number, number, number];
  const value = macroScore(eq);

  // The next lower MacroVector in each EQ; EQ3 and EQ6 move together because they share a table.
  const lowerEq1 = macroScore(withLevel(eq, 0));
  const lowerEq2 = macroScore(withLevel(eq, 1));
  let lowerEq3Eq6: number;
  if (eq3 === 0 && eq6 === 0) {
    // Both neighbours exist in FIRST's table whenever EQ3 and EQ6 are 0, so no NaN can reach max.
    lowerEq3Eq6 = Math.max(macroScore(withLevel(eq, 5)), macroScore(withLevel(eq, 2)));
  } else if (eq3 === 1 && eq6 === 0) {
    lowerEq3Eq6 = macroScore(withLevel(eq, 5));
  } else if (eq6 === 1 && (eq3 === 0 || eq3 === 1)) {
    lowerEq3Eq6 = macroScore(withLevel(eq, 2));
  } else {
    lowerEq3Eq6 = macroScore(withLevel(withLevel(eq, 2), 5));
  }
  const lowerEq4 = macroScore(withLevel(eq, 3));
  const lowerEq5 = macroScore(withLevel(eq, 4));

  // Distance from the first max vector the vector does not exceed in any metric.
  const distance = {} as Record<DistanceMetric, number>;
  for (const max of maxVectors(eq)) {
    for (const metric of DISTANCE_METRICS) {
      distance[metric] = level(metric, m(metric)) - level(metric, lookup(max, metric));
    }
    if (DISTANCE_METRICS.every((metric) => distance[metric] >= 0)) break;
  }
  const currentEq1 = distance.AV + distance.PR + distance.UI;
  const currentEq2 = distance.AC + distance.AT;
  const currentEq3Eq6 = distance.VC + distance.VI + distance.VA + distance.CR + distance.IR + distance.AR;
  const currentEq4 = distance.SC + distance.SI + distance.SA;

  const step = 0.1;
  const maxSeverityEq1 = lookup<number>(CVSS_V4_MAX_SEVERITY.eq1, eq1) * step;
  const maxSeverityEq2 = lookup<number>(CVSS_V4_MAX_SEVERITY.eq2, eq2) * step;
  const maxSeverityEq3Eq6 =
    lookup<number>(lookup<Readonly<Record<string, number>>>(CVSS_V4_MAX_SEVERITY.eq3eq6, eq3), eq6) * step;
  const maxSeverityEq4 = lookup<number>(CVSS_V4_MAX_SEVERITY.eq4, eq4) * step;

  // A lower MacroVector that does not exist (NaN) contributes nothing and is not counted.
  const parts: [available: number, proportion: number][] = [
    [value - lowerEq1, currentEq1 / maxSeverityEq1],
    [value - lowerEq2, currentEq2 / maxSeverityEq2],
    [value - lowerEq3Eq6, currentEq3Eq6 / maxSeverityEq3Eq6],
    [value - lowerEq4, currentEq4 / maxSeverityEq4],
    // EQ5 (exploit maturity) has a single value per level, so its proportion is always 0.
    [value - lowerEq5, 0],
  ];
  let existingLower = 0;
  const normalized = parts.map(([available, proportion]) => {
    if (!(available >= 0)) return 0;
    existingLower += 1;
    return available * proportion;
  });
  const [n1 = 0, n2 = 0, n3 = 0, n4 = 0, n5 = 0] = normalized;
  const meanDistance = existingLower === 0 ? 0 : (n1 + n2 + n3 + n4 + n5) / existingLower;
  return Math.min(10, Math.max(0, value - meanDistance));
}

/**
 * The reference calculators add 10^-6 before rounding half up, so that a difference such as
 * 8.6 − 7.15 = 1.4499999999999993 rounds to 1.5 as it would on paper; the published scores depend on it.
 */
const ROUNDING_EPSILON = 1e-6;

/** The CVSS v4.0 score of a vector (string or parsed), with its severity and nomenclature. */
export function scoreCvssV4(vector: string | CvssV4Vector): CvssV4Scores {
  const parsed = typeof vector === "string" ? parseCvssV4(vector) : vector;
  const m = effectiveValues(parsed.metrics);
  const eq = macroVectorOf(m);
  const macroVector = eq.join("");
  const noImpact = (["VC", "VI", "VA", "SC", "SI", "SA"] as const).every((metric) => m(metric) === "N");
  // No impact on either system scores 0 whatever the exploitability (spec section 8.1).
  const raw = noImpact ? 0 : interpolatedScore(m, eq);
  const score = toNumber(roundHalfUp(decimalFromDouble(raw + ROUNDING_EPSILON), 1));
  return {
    version: "4.0",
    score,
    severity: cvssSeverity(score),
    nomenclature: cvssV4Nomenclature(parsed),
    macroVector,
  };
}
