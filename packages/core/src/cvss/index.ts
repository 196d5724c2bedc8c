/** CVSS v2.0, v3.0, v3.1 and v4.0: strict vector parsing, scores and severities. Pure, no I/O. */
export * from "./cvss.js";
export { type CvssVectorProblem, InvalidCvssVectorError } from "./cvss-errors.js";
export { type CvssSeverity, cvssSeverity, cvssV2Severity } from "./cvss-severity.js";
export type { CvssMetricValues } from "./cvss-vector.js";
export { type CvssV2Metric, type CvssV2Scores, type CvssV2Vector, parseCvssV2, scoreCvssV2 } from "./cvss2.js";
export {
  type CvssV3Metric,
  type CvssV3Scores,
  type CvssV3Vector,
  type CvssV3Version,
  parseCvssV3,
  scoreCvssV3,
} from "./cvss3.js";
export {
  type CvssV4Metric,
  type CvssV4Nomenclature,
  type CvssV4Scores,
  type CvssV4Vector,
  cvssV4Nomenclature,
  parseCvssV4,
  scoreCvssV4,
} from "./cvss4.js";
