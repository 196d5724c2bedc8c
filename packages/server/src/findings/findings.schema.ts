import { advisorySourceSchema, confidenceSchema, findingResolutionSchema, findingStatusSchema } from "@fleetpatch/core";
import { z } from "zod";

/** One piece of evidence of a finding: which source said what about which package. */
export const evidenceSchema = z
  .object({
    source: advisorySourceSchema,
    rule: z.enum(["range", "version-list"]).describe("range or version-list"),
    detail: z.string().describe("what matched, in the advisory's own terms"),
    vers: z.string().optional().describe("the matched range as a canonical vers"),
    package: z.string().describe("the package key the advisory names (type/namespace/name)"),
    release: z.string().optional().describe("the distribution release the advisory is scoped to"),
  })
  .meta({ id: "Evidence" });

/** A finding as the API shows it; the same shape as `fleetpatch findings --format json`. */
export const findingSchema = z
  .object({
    id: z.string(),
    asset: z.string(),
    component: z
      .object({
        name: z.string(),
        version: z.string().nullable(),
        purl: z.string().nullable(),
        cpe: z.string().nullable(),
      })
      .describe("the component as it was when last matched; cpe is null once the component is gone"),
    vulnerability: z.string().describe("preferred id: the CVE when known, else the advisory id"),
    aliases: z.array(z.string()).describe("every id of the vulnerability, the preferred one included"),
    summary: z.string().nullable(),
    status: findingStatusSchema.describe("CycloneDX analysis state; new findings are in_triage"),
    sources: z.array(advisorySourceSchema),
    confidence: confidenceSchema,
    evidence: z.array(evidenceSchema),
    firstSeen: z.string(),
    lastSeen: z.string(),
    resolvedAt: z.string().nullable(),
    resolution: findingResolutionSchema.nullable().describe("why matching resolved the finding"),
  })
  .meta({ id: "Finding" });

/** Which findings a listing shows. */
export const findingsStatusFilterSchema = z
  .enum(["open", "resolved", "all"])
  .default("open")
  .describe("open (not resolved, the default), resolved, or all");

/** What a match run changed. */
export const matchResultSchema = z
  .object({
    components: z.number().int(),
    candidates: z.number().int(),
    total: z.number().int().describe("open findings after the run"),
    opened: z.number().int(),
    reopened: z.number().int(),
    resolved: z.number().int(),
  })
  .meta({ id: "MatchResult" });
