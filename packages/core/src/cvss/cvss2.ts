/**
 * CVSS v2.0, from FIRST's "A Complete Guide to the Common Vulnerability Scoring System Version 2.0"
 * (section 3.2 equations, section 2.4 vectors). The guide lists metrics "in a predetermined order",
 * so order is enforced; temporal and environmental metrics are optional one by one, and an absent
 * one is Not Defined (ND), as NVD and the reference calculators read them.
 */

import { type CvssSeverity, cvssV2Severity } from "./cvss-severity.js";
import { type CvssGrammar, type CvssMetricValues, formatCvssMetrics, parseCvssMetrics } from "./cvss-vector.js";
import {
  add,
  compare,
  decimal,
  type ExactDecimal,
  maximum,
  minimum,
  multiply,
  roundHalfUp,
  subtract,
  toNumber,
} from "./exact-decimal.js";

/** Metric abbreviations of CVSS v2.0 in the guide's order. */
export type CvssV2Metric = "AV" | "AC" | "Au" | "C" | "I" | "A" | "E" | "RL" | "RC" | "CDP" | "TD" | "CR" | "IR" | "AR";

/** Each metric's value weights (guide section 3.2); ND weighs as the neutral value. */
const WEIGHTS: Readonly<Record<CvssV2Metric, Readonly<Record<string, string>>>> = {
  AV: { L: "0.395", A: "0.646", N: "1.0" },
  AC: { H: "0.35", M: "0.61", L: "0.71" },
  Au: { M: "0.45", S: "0.56", N: "0.704" },
  C: { N: "0.0", P: "0.275", C: "0.660" },
  I: { N: "0.0", P: "0.275", C: "0.660" },
  A: { N: "0.0", P: "0.275", C: "0.660" },
  E: { U: "0.85", POC: "0.9", F: "0.95", H: "1.00", ND: "1.00" },
  RL: { OF: "0.87", TF: "0.90", W: "0.95", U: "1.00", ND: "1.00" },
  RC: { UC: "0.90", UR: "0.95", C: "1.00", ND: "1.00" },
  CDP: { N: "0", L: "0.1", LM: "0.3", MH: "0.4", H: "0.5", ND: "0" },
  TD: { N: "0", L: "0.25", M: "0.75", H: "1.0", ND: "1.0" },
  CR: { L: "0.5", M: "1.0", H: "1.51", ND: "1.0" },
  IR: { L: "0.5", M: "1.0", H: "1.51", ND: "1.0" },
  AR: { L: "0.5", M: "1.0", H: "1.51", ND: "1.0" },
};

const TEMPORAL_METRICS = ["E", "RL", "RC"] as const satisfies readonly CvssV2Metric[];
const ENVIRONMENTAL_METRICS = ["CDP", "TD", "CR", "IR", "AR"] as const satisfies readonly CvssV2Metric[];

/** The values each metric accepts are exactly those it has a weight for. */
function allowedValues(weights: typeof WEIGHTS): Record<CvssV2Metric, readonly string[]> {
  const values = {} as Record<CvssV2Metric, readonly string[]>;
  for (const metric of Object.keys(weights) as CvssV2Metric[]) values[metric] = Object.keys(weights[metric]);
  return values;
}

/** The v2.0 vector grammar. */
export const CVSS_V2_GRAMMAR: CvssGrammar<CvssV2Metric> = {
  prefix: "",
  metrics: allowedValues(WEIGHTS),
  mandatory: ["AV", "AC", "Au", "C", "I", "A"],
  ordered: true,
};

/** A parsed, valid CVSS v2.0 vector. */
export interface CvssV2Vector {
  readonly version: "2.0";
  readonly metrics: CvssMetricValues<CvssV2Metric>;
  /** Canonical form: guide order, ND metrics dropped. */
  readonly canonical: string;
}

/** CVSS v2.0 scores; temporal and environmental are null when the vector sets none of their metrics. */
export interface CvssV2Scores {
  readonly version: "2.0";
  readonly baseScore: number;
  readonly temporalScore: number | null;
  readonly environmentalScore: number | null;
  /** NVD's bands (the v2 guide defines none). */
  readonly baseSeverity: CvssSeverity;
  readonly temporalSeverity: CvssSeverity | null;
  readonly environmentalSeverity: CvssSeverity | null;
}

/** Parse a CVSS v2.0 vector (`AV:N/AC:L/Au:N/C:P/I:P/A:P[/E:…]`), strictly. */
export function parseCvssV2(vector: string): CvssV2Vector {
  const metrics = parseCvssMetrics(vector, CVSS_V2_GRAMMAR);
  return { version: "2.0", metrics, canonical: formatCvssMetrics(metrics, CVSS_V2_GRAMMAR, "ND") };
}

function weight(metrics: CvssMetricValues<CvssV2Metric>, metric: CvssV2Metric): ExactDecimal {
  const value = metrics[metric] ?? "ND";
  const literal = WEIGHTS[metric][value];
  if (literal === undefined) throw new RangeError(`CVSS v2 ${metric} has no weight for ${value}`);
  return decimal(literal);
}

const ONE = decimal("1");
const ZERO = decimal("0");
const TEN = decimal("10");

function roundToOneDecimal(value: ExactDecimal): ExactDecimal {
  return roundHalfUp(value, 1);
}

/** 1 − (1−x)(1−y)(1−z): the share of C, I and A that is lost. */
function combinedImpact(confidentiality: ExactDecimal, integrity: ExactDecimal, availability: ExactDecimal) {
  return subtract(ONE, multiply(subtract(ONE, confidentiality), subtract(ONE, integrity), subtract(ONE, availability)));
}

/** BaseScore = round(((0.6 × Impact) + (0.4 × Exploitability) − 1.5) × f(Impact)). */
function baseEquation(metrics: CvssMetricValues<CvssV2Metric>, impact: ExactDecimal): ExactDecimal {
  const exploitability = multiply(decimal("20"), weight(metrics, "AV"), weight(metrics, "AC"), weight(metrics, "Au"));
  const fImpact = compare(impact, ZERO) === 0 ? ZERO : decimal("1.176");
  const raw = multiply(
    subtract(add(multiply(decimal("0.6"), impact), multiply(decimal("0.4"), exploitability)), decimal("1.5")),
    fImpact,
  );
  return maximum(ZERO, roundToOneDecimal(raw));
}

function temporalEquation(metrics: CvssMetricValues<CvssV2Metric>, base: ExactDecimal): ExactDecimal {
  return roundToOneDecimal(multiply(base, weight(metrics, "E"), weight(metrics, "RL"), weight(metrics, "RC")));
}

function isAnySet(metrics: CvssMetricValues<CvssV2Metric>, group: readonly CvssV2Metric[]): boolean {
  return group.some((metric) => (metrics[metric] ?? "ND") !== "ND");
}

/** Base, temporal and environmental scores of a CVSS v2.0 vector (string or parsed). */
export function scoreCvssV2(vector: string | CvssV2Vector): CvssV2Scores {
  const { metrics } = typeof vector === "string" ? parseCvssV2(vector) : vector;
  const [c, i, a] = [weight(metrics, "C"), weight(metrics, "I"), weight(metrics, "A")];
  const impact = multiply(decimal("10.41"), combinedImpact(c, i, a));
  const base = baseEquation(metrics, impact);
  const temporal = isAnySet(metrics, TEMPORAL_METRICS) ? temporalEquation(metrics, base) : null;

  let environmental: ExactDecimal | null = null;
  if (isAnySet(metrics, ENVIRONMENTAL_METRICS)) {
    const adjustedImpact = minimum(
      TEN,
      multiply(
        decimal("10.41"),
        combinedImpact(
          multiply(c, weight(metrics, "CR")),
          multiply(i, weight(metrics, "IR")),
          multiply(a, weight(metrics, "AR")),
        ),
      ),
    );
    // The guide recomputes the temporal score with the adjusted impact, then spreads it by CDP and TD.
    const adjustedTemporal = temporalEquation(metrics, baseEquation(metrics, adjustedImpact));
    const spread = add(adjustedTemporal, multiply(subtract(TEN, adjustedTemporal), weight(metrics, "CDP")));
    environmental = maximum(ZERO, roundToOneDecimal(multiply(spread, weight(metrics, "TD"))));
  }

  const baseScore = toNumber(base);
  const temporalScore = temporal === null ? null : toNumber(temporal);
  const environmentalScore = environmental === null ? null : toNumber(environmental);
  return {
    version: "2.0",
    baseScore,
    temporalScore,
    environmentalScore,
    baseSeverity: cvssV2Severity(baseScore),
    temporalSeverity: temporalScore === null ? null : cvssV2Severity(temporalScore),
    environmentalSeverity: environmentalScore === null ? null : cvssV2Severity(environmentalScore),
  };
}
