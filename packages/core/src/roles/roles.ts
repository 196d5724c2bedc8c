/**
 * Roles and the permissions they grant. Routes declare a permission, never a role, so that a new
 * role is one line here and no route changes.
 */

/** The four built-in roles, from most to least powerful. */
export const ROLES = ["admin", "operator", "analyst", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** Every permission a route or command can require. */
export const PERMISSIONS = [
  "assets:read",
  "inventory:write",
  "intel:read",
  "intel:write",
  "findings:read",
  "findings:match",
  "users:read",
  "users:write",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: readonly Permission[] = ["assets:read", "intel:read", "findings:read"];

const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSIONS,
  // Operators run the fleet: they feed inventory and intelligence and re-run matching.
  operator: [...READ, "inventory:write", "intel:write", "findings:match"],
  // Analysts triage: they read everything and may re-run matching, but do not change inventory.
  analyst: [...READ, "findings:match"],
  viewer: READ,
};

/** True when `role` grants `permission`. */
export function roleHasPermission(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** The permissions a role grants, for display. */
export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
}

/** Narrow an arbitrary string to a Role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Who is calling: the user behind a valid token, and the role that decides what they may do. */
export interface Principal {
  readonly userId: string;
  readonly name: string;
  readonly role: Role;
}
