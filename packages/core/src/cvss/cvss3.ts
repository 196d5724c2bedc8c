/**
 * CVSS v3.0 and v3.1, from FIRST's specification documents (section 7 equations, section 6 vector
 * strings, v3.1 Appendix A "Roundup"). Both specifications let metrics appear in any order, so
 * order is not enforced; Not Defined (X) may be written out or left away.
 */

import { InvalidCvssVectorError } from "./cvss-errors.js";
import { type CvssSeverity, cvssSeverity } from "./cvss-severity.js";
import { type CvssGrammar, type CvssMetricValues, formatCvssMetrics, parseCvssMetrics } from "./cvss-vector.js";
import {
  add,
  ceiling,
  compare,
  decimal,
  type ExactDecimal,
  minimum,
  multiply,
  power,
  roundHalfUp,
  subtract,
  toNumber,
} from "./exact-decimal.js";

/** The v3 minor versions fleetpatch scores. */
export type CvssV3Version = "3.0" | "3.1";

/** Metric abbreviations of CVSS v3.x in the specification's order. */
export type CvssV3Metric =
  | "AV"
  | "AC"
  | "PR"
  | "UI"
  | "S"
  | "C"
  | "I"
  | "A"
  | "E"
  | "RL"
  | "RC"
  | "CR"
  | "IR"
  | "AR"
  | "MAV"
  | "MAC"
  | "MPR"
  | "MUI"
  | "MS"
  | "MC"
  | "MI"
  | "MA";

const ATTACK_VECTOR = { N: "0.85", A: "0.62", L: "0.55", P: "0.2" };
const ATTACK_COMPLEXITY = { L: "0.77", H: "0.44" };
const PRIVILEGES_SCOPE_UNCHANGED = { N: "0.85", L: "0.62", H: "0.27" };
/** PR weighs more when the scope changes: the attacker's privileges reach further. */
const PRIVILEGES_SCOPE_CHANGED = { N: "0.85", L: "0.68", H: "0.5" };
const USER_INTERACTION = { N: "0.85", R: "0.62" };
const IMPACT = { H: "0.56", L: "0.22", N: "0" };
const REQUIREMENT = { X: "1", H: "1.5", M: "1", L: "0.5" };
const SCOPE = ["U", "C"];

const TEMPORAL_WEIGHTS = {
  E: { X: "1", H: "1", F: "0.97", P: "0.94", U: "0.91" },
  RL: { X: "1", U: "1", W: "0.97", T: "0.96", O: "0.95" },
  RC: { X: "1", C: "1", R: "0.96", U: "0.92" },
} as const;

function withNotDefined(values: readonly string[]): readonly string[] {
  return ["X", ...values];
}

const METRICS: Readonly<Record<CvssV3Metric, readonly string[]>> = {
  AV: Object.keys(ATTACK_VECTOR),
  AC: Object.keys(ATTACK_COMPLEXITY),
  PR: Object.keys(PRIVILEGES_SCOPE_UNCHANGED),
  UI: Object.keys(USER_INTERACTION),
  S: SCOPE,
  C: Object.keys(IMPACT),
  I: Object.keys(IMPACT),
  A: Object.keys(IMPACT),
  E: Object.keys(TEMPORAL_WEIGHTS.E),
  RL: Object.keys(TEMPORAL_WEIGHTS.RL),
  RC: Object.keys(TEMPORAL_WEIGHTS.RC),
  CR: Object.keys(REQUIREMENT),
  IR: Object.keys(REQUIREMENT),
  AR: Object.keys(REQUIREMENT),
  MAV: withNotDefined(Object.keys(ATTACK_VECTOR)),
  MAC: withNotDefined(Object.keys(ATTACK_COMPLEXITY)),
  MPR: withNotDefined(Object.keys(PRIVILEGES_SCOPE_UNCHANGED)),
  MUI: withNotDefined(Object.keys(USER_INTERACTION)),
  MS: withNotDefined(SCOPE),
  MC: withNotDefined(Object.keys(IMPACT)),
  MI: withNotDefined(Object.keys(IMPACT)),
  MA: withNotDefined(Object.keys(IMPACT)),
};

const MANDATORY: readonly CvssV3Metric[] = ["AV", "AC", "PR", "UI", "S", "C", "I", "A"];

/** The v3.x grammar for one minor version (they differ only in the prefix). */
export function cvssV3Grammar(version: CvssV3Version): CvssGrammar<CvssV3Metric> {
  return { prefix: `CVSS:${version}/`, metrics: METRICS, mandatory: MANDATORY, ordered: false };
}

/** A parsed, valid CVSS v3.0 or v3.1 vector. */
export interface CvssV3Vector {
  readonly version: CvssV3Version;
  readonly metrics: CvssMetricValues<CvssV3Metric>;
  /** Canonical form: specification order, X metrics dropped. */
  readonly canonical: string;
}

/** CVSS v3.x scores; temporal and environmental equal the base score when their metrics are X. */
export interface CvssV3Scores {
  readonly version: CvssV3Version;
  readonly baseScore: number;
  readonly temporalScore: number;
  readonly environmentalScore: number;
  readonly baseSeverity: CvssSeverity;
  readonly temporalSeverity: CvssSeverity;
  readonly environmentalSeverity: CvssSeverity;
  /** The impact and exploitability sub-scores before rounding, as the calculators show them. */
  readonly impactSubScore: number;
  readonly exploitabilitySubScore: number;
}

/** Parse a CVSS v3.0 or v3.1 vector (`CVSS:3.1/AV:N/…`), strictly. */
export function parseCvssV3(vector: string): CvssV3Vector {
  const version = vector.startsWith("CVSS:3.0/") ? "3.0" : vector.startsWith("CVSS:3.1/") ? "3.1" : null;
  if (version === null) {
    throw new InvalidCvssVectorError(vector, "unsupported-prefix", "CVSS", 'expected "CVSS:3.0/" or "CVSS:3.1/"');
  }
  const grammar = cvssV3Grammar(version);
  const metrics = parseCvssMetrics(vector, grammar);
  return { version, metrics, canonical: formatCvssMetrics(metrics, grammar, "X") };
}

function weightOf(table: Readonly<Record<string, string>>, value: string): ExactDecimal {
  const literal = table[value];
  if (literal === undefined) throw new RangeError(`CVSS v3 value ${value} has no weight`);
  return decimal(literal);
}

const ONE = decimal("1");
const ZERO = decimal("0");
const TEN = decimal("10");

/**
 * v3.1 Roundup (Appendix A): ceiling to one decimal, but first round to five decimals so a value
 * that is a whole tenth up to float noise stays on it. On exact input this only matters within
 * 0.000005 of a boundary, where 3.1 deliberately differs from a bare ceiling.
 */
function roundUp31(value: ExactDecimal): ExactDecimal {
  return ceiling(roundHalfUp(value, 5), 1);
}

/** v3.0 "Round up": the smallest one-decimal number ≥ the input. */
function roundUp30(value: ExactDecimal): ExactDecimal {
  return ceiling(value, 1);
}

/** The metric values the equations use: modified values where set, otherwise the base ones. */
interface EquationInputs {
  readonly attackVector: string;
  readonly attackComplexity: string;
  readonly privilegesRequired: string;
  readonly userInteraction: string;
  readonly scope: string;
  readonly confidentiality: string;
  readonly integrity: string;
  readonly availability: string;
}

function baseInputs(metrics: CvssMetricValues<CvssV3Metric>): EquationInputs {
  const required = (metric: CvssV3Metric): string => {
    const value = metrics[metric];
    if (value === undefined) throw new RangeError(`CVSS v3 base metric ${metric} missing after parsing`);
    return value;
  };
  return {
    attackVector: required("AV"),
    attackComplexity: required("AC"),
    privilegesRequired: required("PR"),
    userInteraction: required("UI"),
    scope: required("S"),
    confidentiality: required("C"),
    integrity: required("I"),
    availability: required("A"),
  };
}

function modifiedInputs(metrics: CvssMetricValues<CvssV3Metric>, base: EquationInputs): EquationInputs {
  const modified = (metric: CvssV3Metric, fallback: string): string => {
    const value = metrics[metric];
    return value === undefined || value === "X" ? fallback : value;
  };
  return {
    attackVector: modified("MAV", base.attackVector),
    attackComplexity: modified("MAC", base.attackComplexity),
    privilegesRequired: modified("MPR", base.privilegesRequired),
    userInteraction: modified("MUI", base.userInteraction),
    scope: modified("MS", base.scope),
    confidentiality: modified("MC", base.confidentiality),
    integrity: modified("MI", base.integrity),
    availability: modified("MA", base.availability),
  };
}

function exploitability(inputs: EquationInputs): ExactDecimal {
  const privileges = inputs.scope === "C" ? PRIVILEGES_SCOPE_CHANGED : PRIVILEGES_SCOPE_UNCHANGED;
  return multiply(
    decimal("8.22"),
    weightOf(ATTACK_VECTOR, inputs.attackVector),
    weightOf(ATTACK_COMPLEXITY, inputs.attackComplexity),
    weightOf(privileges, inputs.privilegesRequired),
    weightOf(USER_INTERACTION, inputs.userInteraction),
  );
}

/** Impact + Exploitability, scaled by 1.08 and capped at 10, rounded up; 0 when impact ≤ 0. */
function combine(
  impact: ExactDecimal,
  exploitabilityScore: ExactDecimal,
  scope: string,
  roundUp: (value: ExactDecimal) => ExactDecimal,
): ExactDecimal {
  if (compare(impact, ZERO) <= 0) return ZERO;
  const sum = add(impact, exploitabilityScore);
  return roundUp(minimum(scope === "C" ? multiply(decimal("1.08"), sum) : sum, TEN));
}

function temporalFactor(metrics: CvssMetricValues<CvssV3Metric>): ExactDecimal {
  return multiply(
    weightOf(TEMPORAL_WEIGHTS.E, metrics.E ?? "X"),
    weightOf(TEMPORAL_WEIGHTS.RL, metrics.RL ?? "X"),
    weightOf(TEMPORAL_WEIGHTS.RC, metrics.RC ?? "X"),
  );
}

/** Base, temporal and environmental scores of a CVSS v3.0 or v3.1 vector (string or parsed). */
export function scoreCvssV3(vector: string | CvssV3Vector): CvssV3Scores {
  const { version, metrics } = typeof vector === "string" ? parseCvssV3(vector) : vector;
  const roundUp = version === "3.0" ? roundUp30 : roundUp31;
  const base = baseInputs(metrics);

  const impactBase = subtract(
    ONE,
    multiply(
      subtract(ONE, weightOf(IMPACT, base.confidentiality)),
      subtract(ONE, weightOf(IMPACT, base.integrity)),
      subtract(ONE, weightOf(IMPACT, base.availability)),
    ),
  );
  const impact =
    base.scope === "U"
      ? multiply(decimal("6.42"), impactBase)
      : subtract(
          multiply(decimal("7.52"), subtract(impactBase, decimal("0.029"))),
          multiply(decimal("3.25"), power(subtract(impactBase, decimal("0.02")), 15)),
        );
  const baseExploitability = exploitability(base);
  const baseScore = combine(impact, baseExploitability, base.scope, roundUp);
  const temporalScore = roundUp(multiply(baseScore, temporalFactor(metrics)));

  const modified = modifiedInputs(metrics, base);
  const requirement = (metric: "CR" | "IR" | "AR") => weightOf(REQUIREMENT, metrics[metric] ?? "X");
  const modifiedImpactBase = minimum(
    subtract(
      ONE,
      multiply(
        subtract(ONE, multiply(weightOf(IMPACT, modified.confidentiality), requirement("CR"))),
        subtract(ONE, multiply(weightOf(IMPACT, modified.integrity), requirement("IR"))),
        subtract(ONE, multiply(weightOf(IMPACT, modified.availability), requirement("AR"))),
      ),
    ),
    decimal("0.915"),
  );
  // v3.1 changed the scope-changed modified impact (0.9731 factor, exponent 13) to fix v3.0's
  // environmental score exceeding the base score for identical metrics.
  const changedTail =
    version === "3.0"
      ? power(subtract(modifiedImpactBase, decimal("0.02")), 15)
      : power(subtract(multiply(modifiedImpactBase, decimal("0.9731")), decimal("0.02")), 13);
  const modifiedImpact =
    modified.scope === "U"
      ? multiply(decimal("6.42"), modifiedImpactBase)
      : subtract(
          multiply(decimal("7.52"), subtract(modifiedImpactBase, decimal("0.029"))),
          multiply(decimal("3.25"), changedTail),
        );
  const modifiedScore = combine(modifiedImpact, exploitability(modified), modified.scope, roundUp);
  const environmentalScore =
    compare(modifiedImpact, ZERO) <= 0 ? ZERO : roundUp(multiply(modifiedScore, temporalFactor(metrics)));

  const scores = [baseScore, temporalScore, environmentalScore].map(toNumber) as [number, number, number];
  return {
    version,
    baseScore: scores[0],
    temporalScore: scores[1],
    environmentalScore: scores[2],
    baseSeverity: cvssSeverity(scores[0]),
    temporalSeverity: cvssSeverity(scores[1]),
    environmentalSeverity: cvssSeverity(scores[2]),
    impactSubScore: toNumber(impact),
    exploitabilitySubScore: toNumber(baseExploitability),
  };
}
