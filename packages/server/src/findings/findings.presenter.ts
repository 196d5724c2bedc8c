import { z } from "zod";
import { evidenceSchema, type findingSchema } from "./findings.schema.js";
import type { FindingRow } from "./findings.store.js";

/** A finding as the API and `fleetpatch findings --format json` show it; the zod schema is the source. */
export type FindingView = z.infer<typeof findingSchema>;

const evidenceListSchema = z.array(evidenceSchema);

/**
 * Turn a stored row and its vulnerability's aliases into the public shape. The evidence JSON is
 * parsed with its schema: a stored value that does not fit is a bug (HTTP 500), not the caller's fault.
 */
export function presentFinding(row: FindingRow, aliases: readonly string[]): FindingView {
  const evidence = evidenceListSchema.parse(JSON.parse(row.evidence));
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
    resolvedAt: row.resolvedAt,
    resolution: row.resolution,
  };
}
