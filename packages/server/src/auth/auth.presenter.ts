import { type Principal, permissionsOf } from "@fleetpatch/core";
import type { z } from "zod";
import type { apiTokenSchema, principalSchema, userSchema } from "./auth.schema.js";
import type { TokenRecord, UserRecord } from "./auth.store.js";

/** A user in its public shape. */
export function presentUser(user: UserRecord): z.infer<typeof userSchema> {
  return { id: user.id, name: user.name, role: user.role, createdAt: user.createdAt, disabledAt: user.disabledAt };
}

/** An API token in its public shape: what it is and its state, never the secret. */
export function presentToken(token: TokenRecord): z.infer<typeof apiTokenSchema> {
  return {
    id: token.id,
    user: token.userName,
    label: token.label,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
  };
}

/** The caller with the permissions its role grants. */
export function presentPrincipal(principal: Principal): z.infer<typeof principalSchema> {
  return { name: principal.name, role: principal.role, permissions: [...permissionsOf(principal.role)] };
}
