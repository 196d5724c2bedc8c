import { PERMISSIONS, ROLES } from "@fleetpatch/core";
import { z } from "zod";

const roleSchema = z.enum(ROLES);

/** A user as the API shows it (never a secret). */
export const userSchema = z
  .object({ id: z.string(), name: z.string(), role: roleSchema, createdAt: z.string() })
  .meta({ id: "User" });

/** The caller, as `/me` shows it. */
export const principalSchema = z
  .object({ name: z.string(), role: roleSchema, permissions: z.array(z.enum(PERMISSIONS)) })
  .meta({ id: "Principal" });
