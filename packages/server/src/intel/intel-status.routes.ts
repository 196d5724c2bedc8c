import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses } from "../http/common.schema.js";
import type { NvdSyncService } from "./nvd-sync.service.js";

const window = z.object({ start: z.string().nullable(), end: z.string() });

const statusSchema = z
  .object({
    sources: z.array(
      z.object({
        source: z.string().describe("nvd, cve, osv, kev, epss"),
        records: z.number().int(),
        online: z
          .boolean()
          .describe("whether fleetpatch fetches it itself (intel sync) rather than only importing files"),
        syncedUntil: z.string().nullable().describe("the next sync asks for changes since this instant"),
        lastSuccessAt: z.string().nullable(),
        lastAttemptAt: z.string().nullable(),
        lastError: z.string().nullable(),
        cursor: z
          .object({ window, rest: z.array(window), startIndex: z.number().int() })
          .nullable()
          .describe("where an interrupted sync goes on"),
      }),
    ),
  })
  .meta({ id: "IntelStatus" });

/** `GET /intel/status`: each source's records and sync state. */
export function intelStatusRoutes(sync: NvdSyncService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/intel/status",
      {
        config: { access: "intel:read" },
        schema: {
          summary: "Each intelligence source: its records and where its sync stands",
          tags: ["intel"],
          response: { 200: statusSchema, ...errorResponses },
        },
      },
      async () => ({ sources: await sync.status() }) as z.infer<typeof statusSchema>,
    );
  };
}
