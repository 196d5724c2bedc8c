import { z } from "zod";

/**
 * A finding's analysis state, as CycloneDX VEX names them. New findings are `in_triage`; matching
 * moves a finding that no longer applies to `resolved` (never deletes it) and a resolved one that
 * applies again back to `in_triage`. The other states are set by triage (issue 11).
 */
export const findingStatusSchema = z.enum(["in_triage", "exploitable", "not_affected", "false_positive", "resolved"]);
export type FindingStatus = z.infer<typeof findingStatusSchema>;

/** Why matching resolved a finding. */
export const findingResolutionSchema = z.enum([
  /** The component is no longer in the asset's inventory. */
  "component_removed",
  /** The component's version changed and is outside every affected range. */
  "version_changed",
  /** The advisory was withdrawn by its source. */
  "advisory_withdrawn",
  /** The advisory changed (ranges, packages, releases) and no longer covers the component. */
  "advisory_changed",
]);
export type FindingResolution = z.infer<typeof findingResolutionSchema>;
