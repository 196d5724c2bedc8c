import { permissionsOf } from "@fleetpatch/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses } from "../http/common.schema.js";
import type { AuthService } from "./auth.service.js";

const userSchema = z
  .object({ id: z.string(), name: z.string(), role: z.string(), createdAt: z.string() })
  .meta({ id: "User" });

/** The caller and the user list. */
export function usersRoutes(auth: AuthService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/me",
      {
        config: { access: "authenticated" },
        schema: {
          summary: "Who the token belongs to and what it may do",
          tags: ["auth"],
          response: {
            200: z.object({ name: z.string(), role: z.string(), permissions: z.array(z.string()) }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const principal = request.principal;
        if (!principal) throw new Error("authenticated route reached without a principal");
        return { name: principal.name, role: principal.role, permissions: [...permissionsOf(principal.role)] };
      },
    );

    app.get(
      "/users",
      {
        config: { access: "users:read" },
        schema: {
          summary: "List users",
          tags: ["auth"],
          response: { 200: z.object({ items: z.array(userSchema) }), ...errorResponses },
        },
      },
      async () => ({ items: await auth.listUsers() }),
    );
  };
}
