import { InputError } from "../errors/app-error.js";

/** Why a CVSS vector was rejected; stable, so callers can branch on it. */
export type CvssVectorProblem =
  | "empty-vector"
  | "unsupported-prefix"
  | "empty-field"
  | "malformed-field"
  | "unknown-metric"
  | "unknown-value"
  | "duplicate-metric"
  | "missing-metric"
  | "out-of-order";

/** A CVSS vector string that does not follow its version's grammar; names the metric at fault. */
export class InvalidCvssVectorError extends InputError {
  /** The metric at fault (`AV`, `MSI`, …), `CVSS` for the version prefix, null when none is. */
  readonly metric: string | null;
  readonly reason: CvssVectorProblem;
  readonly vector: string;

  constructor(vector: string, reason: CvssVectorProblem, metric: string | null, detail: string) {
    super(`invalid CVSS vector "${vector}": ${detail}`);
    this.vector = vector;
    this.reason = reason;
    this.metric = metric;
  }
}
