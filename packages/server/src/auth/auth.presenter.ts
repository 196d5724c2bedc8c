import { type Principal, permissionsOf } from "@fleetpatch/core";
import type { z } from "zod";
import type { principalSchema, userSchema } from "./auth.schema.js";
import type { UserRecord } from "./auth.store.js";

/** A user in its public shape. */
export function presentUser(user: UserRecord): z.infer<typeof userSchema> {
  return { id: user.id, name: user.name, role: user.role, createdAt: user.createdAt };
}

/** The caller with the permissions its role grants. */
export function presentPrincipal(principal: Principal): z.infer<typeof principalSchema> {
  return { name: principal.name, role: principal.role, permissions: [...permissionsOf(principal.role)] };
}
