import { InvalidCvssVectorError } from "./cvss-errors.js";
import { type CvssV2Scores, type CvssV2Vector, parseCvssV2, scoreCvssV2 } from "./cvss2.js";
import { type CvssV3Scores, type CvssV3Vector, parseCvssV3, scoreCvssV3 } from "./cvss3.js";
import { type CvssV4Scores, type CvssV4Vector, parseCvssV4, scoreCvssV4 } from "./cvss4.js";

/** The CVSS versions fleetpatch reads. */
export type CvssVersion = "2.0" | "3.0" | "3.1" | "4.0";

/** A parsed vector of any supported version; `version` tells which. */
export type CvssVector = CvssV2Vector | CvssV3Vector | CvssV4Vector;

/** The scores of a vector of any supported version; `version` tells which fields exist. */
export type CvssScores = CvssV2Scores | CvssV3Scores | CvssV4Scores;

/**
 * Parse a vector of any supported version, chosen by its prefix: `CVSS:4.0/`, `CVSS:3.1/`,
 * `CVSS:3.0/`, or none for v2 (v2 vectors carry no prefix). Any other `CVSS:` prefix is rejected
 * rather than guessed at.
 */
export function parseCvss(vector: string): CvssVector {
  if (vector.startsWith("CVSS:4.0/")) return parseCvssV4(vector);
  if (vector.startsWith("CVSS:3.0/") || vector.startsWith("CVSS:3.1/")) return parseCvssV3(vector);
  if (vector.startsWith("CVSS:")) {
    throw new InvalidCvssVectorError(vector, "unsupported-prefix", "CVSS", "unsupported CVSS version prefix");
  }
  return parseCvssV2(vector);
}

/** Score a vector (string or parsed) of any supported version. */
export function scoreCvss(vector: string | CvssVector): CvssScores {
  const parsed = typeof vector === "string" ? parseCvss(vector) : vector;
  switch (parsed.version) {
    case "2.0":
      return scoreCvssV2(parsed);
    case "3.0":
    case "3.1":
      return scoreCvssV3(parsed);
    case "4.0":
      return scoreCvssV4(parsed);
  }
}

const VERSION_RANK: Readonly<Record<string, number>> = { "2.0": 1, "3.0": 2, "3.1": 3, "4.0": 4 };

/** How recent a CVSS version is (4.0 highest), 0 for one fleetpatch does not read: headline scores prefer the newest. */
export function cvssVersionRank(version: string): number {
  return VERSION_RANK[version] ?? 0;
}

/** The headline score of any version: v4's score, else the base score. */
export function cvssBaseScore(scores: CvssScores): number {
  return scores.version === "4.0" ? scores.score : scores.baseScore;
}
