import { z } from "zod";

/** The error body every failing route returns. */
export const errorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .meta({ id: "Error" });

/** Standard error responses, added to every route's schema. */
export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
} as const;

/** Offset pagination parameters shared by list routes. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe("page size, 1–1000"),
  offset: z.coerce.number().int().min(0).default(0).describe("items to skip"),
});
