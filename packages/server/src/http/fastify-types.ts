import type { Permission, Principal } from "@fleetpatch/core";

/**
 * What a route must declare: a permission, `authenticated` (any valid token) or `public`.
 * A route without a declaration is refused at start-up (see app.ts), so none is open by accident.
 */
export type RouteAccess = Permission | "authenticated" | "public";

declare module "fastify" {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}
