import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Permission, ROLES, type Role, roleHasPermission } from "@fleetpatch/core";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, openTestContext } from "../../test/support/context.js";
import { fixedClock } from "../platform/index.js";
import type { AppContext } from "./context.js";
import { buildApp } from "./http-app.js";
import { renderOpenApiDocument } from "./openapi.js";

interface RouteCase {
  method: "GET" | "POST";
  /** The path as documented. */
  url: string;
  /** The URL to call when the path has parameters: it names a resource (the role's own, where that matters). */
  target?: (role: Role) => string;
  access: Permission | "authenticated";
  body?: unknown;
}

/** A spare token per role, which that role's request to revoke its own token revokes. */
const spareTokenIds = new Map<Role, string>();

const sbom = JSON.parse(readFileSync(join(FIXTURES, "demo", "sboms", "edge-gateway-2.3.1.cdx.json"), "utf8"));
const osvRecord = JSON.parse(readFileSync(join(FIXTURES, "demo", "osv", "rustsec", "RUSTSEC-2023-0034.json"), "utf8"));

/** Every protected route and the permission it needs. */
const ROUTES: RouteCase[] = [
  { method: "GET", url: "/api/v1/me", access: "authenticated" },
  { method: "GET", url: "/api/v1/assets", access: "assets:read" },
  { method: "POST", url: "/api/v1/sboms", access: "inventory:write", body: sbom },
  { method: "POST", url: "/api/v1/intel/osv", access: "intel:write", body: osvRecord },
  {
    method: "GET",
    url: "/api/v1/vulnerabilities/{id}",
    target: () => "/api/v1/vulnerabilities/RUSTSEC-2023-0034",
    access: "intel:read",
  },
  { method: "GET", url: "/api/v1/intel/status", access: "intel:read" },
  { method: "GET", url: "/api/v1/findings", access: "findings:read" },
  { method: "POST", url: "/api/v1/match", access: "findings:match" },
  { method: "GET", url: "/api/v1/users", access: "users:read" },
  {
    method: "POST",
    url: "/api/v1/users/{name}/disable",
    target: () => "/api/v1/users/bystander/disable",
    access: "users:write",
  },
  {
    method: "POST",
    url: "/api/v1/users/{name}/enable",
    target: () => "/api/v1/users/bystander/enable",
    access: "users:write",
  },
  { method: "GET", url: "/api/v1/tokens", access: "authenticated" },
  {
    method: "POST",
    url: "/api/v1/tokens/{id}/revoke",
    target: (role) => `/api/v1/tokens/${spareTokenIds.get(role) ?? "none"}/revoke`,
    access: "authenticated",
  },
];

let context: AppContext;
let app: FastifyInstance;
const tokens = new Map<Role, string>();

beforeAll(async () => {
  context = await openTestContext(":memory:");
  for (const role of ROLES) {
    await context.auth.createUser({ name: `${role}-user`, role });
    tokens.set(role, (await context.auth.createToken({ userName: `${role}-user`, expiresInDays: 1 })).token);
    await context.auth.createToken({ userName: `${role}-user`, expiresInDays: 1, label: "spare" });
    const spare = (await context.auth.listTokens({ userName: `${role}-user` })).find(
      (token) => token.label === "spare",
    );
    spareTokenIds.set(role, spare?.id ?? "");
  }
  await context.auth.createUser({ name: "bystander", role: "viewer" });
  app = await buildApp(context);
});

afterAll(async () => {
  await app.close();
  await context.close();
});

function request(route: RouteCase, token?: string, role: Role = "viewer") {
  return app.inject({
    method: route.method,
    url: route.target ? route.target(role) : route.url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(route.body !== undefined ? { payload: route.body as object } : {}),
  });
}

describe("route access", () => {
  it("covers every route of the OpenAPI document", () => {
    const document = app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const publicRoutes = ["GET /healthz", "GET /readyz"];
    expect(documented.sort()).toEqual(
      [...ROUTES.map((route) => `${route.method} ${route.url}`), ...publicRoutes].sort(),
    );
  });

  it.each(ROUTES)("$method $url answers 401 without a token", async (route) => {
    const response = await request(route);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: { code: "unauthenticated", message: "a valid API token is required" } });
    expect(response.headers["www-authenticate"]).toBe('Bearer realm="fleetpatch"');
  });

  it.each(ROUTES)("$method $url answers 401 for an unknown token", async (route) => {
    const response = await request(route, "fpt_not-a-real-token");
    expect(response.statusCode).toBe(401);
  });

  const cases = ROUTES.flatMap((route) => ROLES.map((role) => ({ ...route, role })));
  it.each(cases)("$method $url for $role follows the role's permissions", async (route) => {
    const allowed = route.access === "authenticated" || roleHasPermission(route.role, route.access);
    const response = await request(route, tokens.get(route.role), route.role);
    if (allowed) {
      expect(response.statusCode, response.body).toBe(200);
    } else {
      expect(response.statusCode).toBe(403);
      expect(response.json().error).toEqual({
        code: "not_allowed",
        message: `the ${route.role} role does not grant ${route.access}`,
      });
    }
  });

  it("refuses an expired token", async () => {
    const later = await openTestContext(":memory:");
    try {
      await later.auth.createUser({ name: "old", role: "admin" });
      const { token } = await later.auth.createToken({ userName: "old", expiresInDays: 1 });
      const clock = fixedClock("2026-11-03T12:00:00.000Z");
      const { AuthService, UsersStore } = await import("../auth/index.js");
      const auth = new AuthService(new UsersStore(later.database.db), clock);
      await expect(auth.authenticate(token)).rejects.toThrow("the API token has expired");
    } finally {
      await later.close();
    }
  });
});

describe("HTTP API", () => {
  const admin = () => tokens.get("admin") as string;

  it("answers an unknown route with 404 in the standard error body", async () => {
    const response = await app.inject({ url: "/api/v1/nothing-here?x=1" });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: "not_found", message: "no route GET /api/v1/nothing-here" } });
  });

  it("refuses a body of the wrong media type with 415 and its own code", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/sboms",
      headers: { authorization: `Bearer ${admin()}`, "content-type": "application/x-tar" },
      payload: "not json",
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe("unsupported_media_type");
  });

  it("refuses a body over the route's limit with 413 and its own code", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/intel/osv",
      headers: { authorization: `Bearer ${admin()}`, "content-type": "application/json" },
      payload: `[${"1,".repeat(33 * 1024 * 1024)}1]`,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe("payload_too_large");
  });

  it("answers liveness and readiness without a token", async () => {
    expect((await app.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    expect((await app.inject({ url: "/readyz" })).json()).toEqual({ status: "ready", database: "sqlite" });
  });

  it("imports an SBOM, matches and pages findings with the CLI's JSON shape", async () => {
    const headers = { authorization: `Bearer ${admin()}` };
    const imported = await app.inject({
      method: "POST",
      url: "/api/v1/sboms?asset=api-gateway",
      headers,
      payload: sbom,
    });
    expect(imported.json()).toMatchObject({ assets: [{ name: "api-gateway", components: 10 }] });
    await app.inject({ method: "POST", url: "/api/v1/intel/osv", headers, payload: osvRecord });
    await app.inject({ method: "POST", url: "/api/v1/match", headers });
    const page = await app.inject({ url: "/api/v1/findings?asset=api-gateway&limit=1&total=true", headers });
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body).toMatchObject({ total: 1, limit: 1, next: null });
    expect(body.items[0]).toMatchObject({
      asset: "api-gateway",
      component: { name: "h2", version: "0.3.15", purl: "pkg:cargo/h2@0.3.15", cpe: null },
      vulnerability: "CVE-2023-26964",
      aliases: ["CVE-2023-26964", "GHSA-f8vr-r385-rh5r", "RUSTSEC-2023-0034"],
      status: "in_triage",
      sources: ["osv"],
    });
  });

  it("answers bad input with 400 and a field-level message", async () => {
    const headers = { authorization: `Bearer ${admin()}` };
    const badLimit = await app.inject({ url: "/api/v1/findings?limit=0", headers });
    expect(badLimit.statusCode).toBe(400);
    expect(badLimit.json().error.code).toBe("invalid_input");
    expect(badLimit.json().error.message).toContain("/limit");
    const badSbom = await app.inject({
      method: "POST",
      url: "/api/v1/sboms",
      headers,
      payload: { bomFormat: "CycloneDX", specVersion: "1.6", components: [{ name: "x", purl: "pkg:" }] },
    });
    expect(badSbom.statusCode).toBe(400);
    expect(badSbom.json().error.message).toMatch(/^request body: components\[0\]\.purl: invalid package URL/);
    const notCycloneDx = await app.inject({
      method: "POST",
      url: "/api/v1/sboms",
      headers,
      payload: { spdxVersion: "SPDX-2.3" },
    });
    expect(notCycloneDx.statusCode).toBe(422);
    expect(notCycloneDx.json().error.code).toBe("unsupported_format");
  });

  it("answers 404 for an unknown asset filter and for unknown URLs", async () => {
    const headers = { authorization: `Bearer ${admin()}` };
    expect((await app.inject({ url: "/api/v1/findings?asset=nope", headers })).statusCode).toBe(404);
    expect((await app.inject({ url: "/api/v1/nothing-here", headers })).statusCode).toBe(404);
  });
});

describe("OpenAPI document", () => {
  it("is committed as docs/openapi.json and matches the code (run `npm run openapi` after changing routes)", async () => {
    const committed = readFileSync(fileURLToPath(new URL("../../../../docs/openapi.json", import.meta.url)), "utf8");
    expect(committed).toBe(await renderOpenApiDocument());
  });

  it("is served at /api/openapi.json as OpenAPI 3.1 with bearer security", async () => {
    const document = (await app.inject({ url: "/api/openapi.json" })).json();
    expect(document.openapi).toBe("3.1.0");
    expect(document.components.securitySchemes.bearer).toEqual({ type: "http", scheme: "bearer" });
    expect(document.paths["/api/v1/findings"].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["limit", "cursor", "total", "asset", "status"]),
    );
  });
});
