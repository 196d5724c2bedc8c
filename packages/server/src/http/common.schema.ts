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
  503: errorSchema.describe("the database is away or busy (another process writing); retry after Retry-After seconds"),
} as const;

/**
 * Cursor pagination shared by list routes (docs/adr/0018): a page answers `next`, the cursor of
 * the page after it (null on the last page), which the client passes back as `cursor`. Every page
 * costs the same however deep it is; the total is counted only when asked for.
 */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe("page size, 1–1000"),
  cursor: z.string().min(1).max(4096).optional().describe("the `next` of the previous page; omit for the first page"),
  offset: z
    .never({ error: "offset paging is gone: follow the `next` cursor of each page (pass it as cursor)" })
    .optional()
    .describe("not accepted: pages are followed by cursor"),
  total: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true")
    .describe("also count the whole listing (costs a count over it)"),
});

/** The paging fields of a list response. */
export const pageResponseFields = {
  next: z.string().nullable().describe("cursor of the next page; null on the last page"),
  limit: z.number().int(),
  total: z.number().int().optional().describe("items in the whole listing, when asked for with total=true"),
};
