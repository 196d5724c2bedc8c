import { cvssBaseScore, cvssVersionRank, scoreCvss } from "../../cvss/cvss.js";
import type { NvdMetric, NvdRecord } from "./nvd-types.js";

/** How fleetpatch scored a stated vector: its own base score, or why the strict parser refused it. */
export type VectorScore = { readonly score: number } | { readonly score: null; readonly reason: string };

/**
 * Score vectors with core's CVSS module, each distinct vector once: NVD's 400,000 records hold a
 * few thousand distinct vectors, and scoring is pure (bounded memo, started over when full).
 */
const memo = new Map<string, VectorScore>();
const MEMO_LIMIT = 50_000;

export function scoreVector(vector: string): VectorScore {
  let found = memo.get(vector);
  if (found === undefined) {
    try {
      found = { score: cvssBaseScore(scoreCvss(vector)) };
    } catch (error) {
      found = { score: null, reason: (error as Error).message };
    }
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(vector, found);
  }
  return found;
}

/**
 * The metric NVD's own pages lead with: the newest CVSS version present, NVD's Primary score over
 * a CNA's Secondary one within it. Lists filter and sort by it ("CVSS ≥ 7").
 */
export function headlineMetric(record: NvdRecord): NvdMetric | null {
  let best: NvdMetric | null = null;
  for (const metric of record.metrics) {
    if (
      best === null ||
      cvssVersionRank(metric.version) > cvssVersionRank(best.version) ||
      (metric.version === best.version && metric.type === "Primary" && best.type !== "Primary")
    ) {
      best = metric;
    }
  }
  return best;
}
