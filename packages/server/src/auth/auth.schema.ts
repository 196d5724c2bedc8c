import { PERMISSIONS, ROLES } from "@fleetpatch/core";
import { z } from "zod";

const roleSchema = z.enum(ROLES);

/** A user as the API shows it (never a secret). */
export const userSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: roleSchema,
    createdAt: z.string(),
    disabledAt: z.string().nullable().describe("when the user was disabled; their tokens do not authenticate"),
  })
  .meta({ id: "User" });

/** An API token as the API shows it: its id and state, never the secret. */
export const apiTokenSchema = z
  .object({
    id: z.string().describe("what `POST /tokens/{id}/revoke` takes"),
    user: z.string().describe("the user the token acts as"),
    label: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string().nullable().describe("null: never expires"),
    lastUsedAt: z.string().nullable().describe("recorded at most every 5 minutes, best effort"),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: "ApiToken" });

/** The caller, as `/me` shows it. */
export const principalSchema = z
  .object({ name: z.string(), role: roleSchema, permissions: z.array(z.enum(PERMISSIONS)) })
  .meta({ id: "Principal" });
