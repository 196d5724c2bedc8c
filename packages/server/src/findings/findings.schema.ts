import { z } from "zod";

/** A finding as the API shows it; the same shape as `fleetpatch findings --format json`. */
export const findingSchema = z
  .object({
    id: z.string(),
    asset: z.string(),
    component: z.object({
      name: z.string(),
      version: z.string().nullable(),
      purl: z.string().nullable(),
      cpe: z.string().nullable(),
    }),
    vulnerability: z.string().describe("preferred id: the CVE when known, else the advisory id"),
    aliases: z.array(z.string()).describe("every id of the vulnerability, the preferred one included"),
    summary: z.string().nullable(),
    status: z.string().describe("CycloneDX analysis state; new findings are in_triage"),
    sources: z.array(z.string()),
    confidence: z.string(),
    evidence: z.array(
      z.object({
        source: z.string(),
        rule: z.string().describe("range or version-list"),
        detail: z.string().describe("what matched, in the advisory's own terms"),
        vers: z.string().optional().describe("the matched range as a canonical vers, when it converts"),
        package: z.string(),
      }),
    ),
    firstSeen: z.string(),
    lastSeen: z.string(),
  })
  .meta({ id: "Finding" });

/** What a match run changed. */
export const matchResultSchema = z
  .object({
    components: z.number().int(),
    candidates: z.number().int(),
    total: z.number().int(),
    opened: z.number().int(),
    closed: z.number().int(),
  })
  .meta({ id: "MatchResult" });
