import { describe, expect, it } from "vitest";
import { isRole, PERMISSIONS, permissionsOf, ROLES, roleHasPermission } from "./roles.js";

describe("roles", () => {
  it("grants admin every permission", () => {
    expect([...permissionsOf("admin")].sort()).toEqual([...PERMISSIONS].sort());
  });
  it("orders roles so that each grants no more than the one above it", () => {
    for (let index = 1; index < ROLES.length; index++) {
      const higher = ROLES[index - 1] as (typeof ROLES)[number];
      const lower = ROLES[index] as (typeof ROLES)[number];
      for (const permission of permissionsOf(lower)) expect(roleHasPermission(higher, permission)).toBe(true);
    }
  });
  it("keeps viewers read-only and user management with admins", () => {
    expect(permissionsOf("viewer").every((permission) => permission.endsWith(":read"))).toBe(true);
    expect(roleHasPermission("operator", "users:read")).toBe(false);
    expect(roleHasPermission("analyst", "inventory:write")).toBe(false);
    expect(roleHasPermission("analyst", "findings:match")).toBe(true);
  });
  it("recognises role names", () => {
    expect(isRole("operator")).toBe(true);
    expect(isRole("root")).toBe(false);
  });
});
