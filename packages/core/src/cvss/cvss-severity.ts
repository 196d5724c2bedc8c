/** Qualitative severity rating of a CVSS score. */
export type CvssSeverity = "none" | "low" | "medium" | "high" | "critical";

/** The v3.x / v4.0 qualitative rating scale (both specifications use the same bands). */
export function cvssSeverity(score: number): CvssSeverity {
  if (score === 0) return "none";
  if (score < 4) return "low";
  if (score < 7) return "medium";
  if (score < 9) return "high";
  return "critical";
}

/**
 * The v2 rating as NVD publishes it (Low 0–3.9, Medium 4–6.9, High 7–10). The v2 guide itself
 * defines no bands; NVD's are what every v2 feed fleetpatch ingests uses.
 */
export function cvssV2Severity(score: number): Extract<CvssSeverity, "low" | "medium" | "high"> {
  if (score < 4) return "low";
  if (score < 7) return "medium";
  return "high";
}
