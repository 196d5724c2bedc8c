import { z } from "zod";

/**
 * How sure a match is. `high`: exact package identity, same release, evaluated range or listed
 * version; `medium`: identity exact but the release unknown (docs/adr/0015); `low`: reserved for
 * heuristic matches (CPE vendor/product guesses, issue 10).
 */
export const confidenceSchema = z.enum(["high", "medium", "low"]);
export type Confidence = z.infer<typeof confidenceSchema>;

/** Where an advisory came from; each intelligence source folder registers one. */
export const advisorySourceSchema = z.enum(["osv"]);
export type AdvisorySource = z.infer<typeof advisorySourceSchema>;
