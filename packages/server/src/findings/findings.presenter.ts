import type { z } from "zod";
import type { findingSchema } from "./findings.schema.js";
import type { FindingRow } from "./findings.store.js";

/** A finding as the API and `fleetpatch findings --format json` show it; the zod schema is the source. */
export type FindingView = z.infer<typeof findingSchema>;

/** Turn a stored row and its vulnerability's aliases into the public shape. */
export function presentFinding(row: FindingRow, aliases: readonly string[]): FindingView {
  const evidence = JSON.parse(row.evidence) as FindingView["evidence"];
  return {
    id: row.id,
    asset: row.assetName,
    component: {
      name: row.componentName,
      version: row.componentVersion,
      purl: row.componentPurl,
      cpe: row.componentCpe,
    },
    vulnerability: row.preferredId,
    aliases: [...new Set([row.vulnerabilityId, row.preferredId, ...aliases])].sort(),
    summary: row.summary,
    status: row.status,
    sources: [...new Set(evidence.map((item) => item.source))].sort(),
    confidence: row.confidence,
    evidence,
    firstSeen: row.firstSeen,
    lastSeen: row.lastSeen,
  };
}
