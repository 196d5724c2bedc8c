import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses } from "../http/common.schema.js";
import { presentPrincipal, presentUser } from "./auth.presenter.js";
import { principalSchema, userSchema } from "./auth.schema.js";
import type { AuthService } from "./auth.service.js";

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
            200: principalSchema,
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const principal = request.principal;
        if (!principal) throw new Error("authenticated route reached without a principal");
        return presentPrincipal(principal);
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
      async () => ({ items: (await auth.listUsers()).map(presentUser) }),
    );
  };
}
