import type { Principal } from "@fleetpatch/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses, errorSchema } from "../http/common.schema.js";
import { presentPrincipal, presentToken, presentUser } from "./auth.presenter.js";
import { apiTokenSchema, principalSchema, userSchema } from "./auth.schema.js";
import type { AuthService } from "./auth.service.js";

/** The caller, users and API tokens. */
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
      async (request) => presentPrincipal(principalOf(request)),
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

    const userParams = z.object({ name: z.string().min(1).max(64) });
    app.post(
      "/users/:name/disable",
      {
        config: { access: "users:write" },
        schema: {
          summary: "Disable a user: their API tokens stop authenticating until the user is enabled",
          tags: ["auth"],
          params: userParams,
          response: { 200: userSchema, ...errorResponses, 404: errorSchema, 409: errorSchema },
        },
      },
      async (request) => presentUser(await auth.disableUser(request.params.name, principalOf(request))),
    );
    app.post(
      "/users/:name/enable",
      {
        config: { access: "users:write" },
        schema: {
          summary: "Enable a disabled user again",
          tags: ["auth"],
          params: userParams,
          response: { 200: userSchema, ...errorResponses, 404: errorSchema },
        },
      },
      async (request) => presentUser(await auth.enableUser(request.params.name)),
    );

    // Any caller may list and revoke their own tokens; users:read shows everyone's and users:write
    // revokes anyone's. The service decides, from the principal, which tokens a caller sees.
    app.get(
      "/tokens",
      {
        config: { access: "authenticated" },
        schema: {
          summary: "List API tokens: the caller's own, or everyone's (optionally one user's) with users:read",
          tags: ["auth"],
          querystring: z.object({ user: z.string().min(1).max(64).optional().describe("only this user's tokens") }),
          response: { 200: z.object({ items: z.array(apiTokenSchema) }), ...errorResponses, 404: errorSchema },
        },
      },
      async (request) => {
        const { user } = request.query;
        const tokens = await auth.listTokens(user !== undefined ? { userName: user } : {}, principalOf(request));
        return { items: tokens.map(presentToken) };
      },
    );
    app.post(
      "/tokens/:id/revoke",
      {
        config: { access: "authenticated" },
        schema: {
          summary:
            "Revoke an API token (the caller's own, or anyone's with users:write); it stops authenticating at once",
          tags: ["auth"],
          params: z.object({ id: z.string().min(1).max(64) }),
          response: { 200: apiTokenSchema, ...errorResponses, 404: errorSchema },
        },
      },
      async (request) => presentToken((await auth.revokeToken(request.params.id, principalOf(request))).token),
    );
  };
}

/** The principal the access hook put on an authenticated request. */
function principalOf(request: { principal?: Principal }): Principal {
  const principal = request.principal;
  if (!principal) throw new Error("authenticated route reached without a principal");
  return principal;
}
