import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestContext } from "../../test/support/context.js";
import type { AppContext } from "../app/context.js";
import { buildApp } from "../app/http-app.js";

let context: AppContext;
let app: FastifyInstance;
let database: string;

beforeEach(async () => {
  // A file, not :memory:, so that a second connection can hold its write lock.
  database = join(mkdtempSync(join(tmpdir(), "fleetpatch-auth-")), "auth.db");
  context = await openTestContext(database);
  app = await buildApp(context);
});

afterEach(async () => {
  await app.close();
  await context.close();
});

async function tokenFor(name: string, role: "admin" | "viewer"): Promise<string> {
  if (!(await context.auth.listUsers()).some((user) => user.name === name)) {
    await context.auth.createUser({ name, role });
  }
  return (await context.auth.createToken({ userName: name, expiresInDays: 1, label: `${name} api` })).token;
}

function call(method: "GET" | "POST", url: string, token: string) {
  return app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });
}

describe("API authentication beside a writer", () => {
  it("answers a GET while another process holds the SQLite write lock (an import running)", async () => {
    const token = await tokenFor("reader", "viewer");
    // Short waits, so the defect (the request waiting for the lock to write last_used_at) fails fast.
    await sql`pragma busy_timeout = 100`.execute(context.database.db);
    const importer = new SqliteDatabase(database);
    importer.exec("BEGIN IMMEDIATE");
    try {
      const me = await call("GET", "/api/v1/me", token);
      expect(me.statusCode, me.body).toBe(200);
      expect(me.json()).toMatchObject({ name: "reader", role: "viewer" });
    } finally {
      importer.exec("ROLLBACK");
      importer.close();
    }
  });
});

describe("API tokens over HTTP", () => {
  it("lists a caller's own tokens, and everyone's for a role that reads users", async () => {
    const admin = await tokenFor("root", "admin");
    const viewer = await tokenFor("vic", "viewer");
    const own = await call("GET", "/api/v1/tokens", viewer);
    expect(own.statusCode).toBe(200);
    expect(own.json().items).toEqual([
      {
        id: expect.any(String),
        user: "vic",
        label: "vic api",
        createdAt: "2026-11-01T12:00:00.000Z",
        expiresAt: "2026-11-02T12:00:00.000Z",
        lastUsedAt: expect.toSatisfy((value) => value === null || typeof value === "string"),
        revokedAt: null,
      },
    ]);
    expect(own.body).not.toMatch(/fpt_|hash/);
    const all = await call("GET", "/api/v1/tokens", admin);
    expect(
      all
        .json()
        .items.map((token: { user: string }) => token.user)
        .sort(),
    ).toEqual(["root", "vic"]);
    expect((await call("GET", "/api/v1/tokens?user=vic", admin)).json().items).toHaveLength(1);
    const nosy = await call("GET", "/api/v1/tokens?user=root", viewer);
    expect(nosy.statusCode).toBe(403);
    expect(nosy.json().error).toEqual({ code: "not_allowed", message: "the viewer role does not grant users:read" });
  });

  it("revokes a caller's own token, which then answers 401; others' tokens are not found to a viewer", async () => {
    const admin = await tokenFor("root", "admin");
    const viewer = await tokenFor("vic", "viewer");
    const [rootToken] = (await call("GET", "/api/v1/tokens?user=root", admin)).json().items;
    const hidden = await call("POST", `/api/v1/tokens/${rootToken.id}/revoke`, viewer);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error).toEqual({ code: "not_found", message: `no API token with id "${rootToken.id}"` });

    const [vicToken] = (await call("GET", "/api/v1/tokens", viewer)).json().items;
    const revoked = await call("POST", `/api/v1/tokens/${vicToken.id}/revoke`, viewer);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id: vicToken.id, user: "vic", revokedAt: "2026-11-01T12:00:00.000Z" });
    const after = await call("GET", "/api/v1/me", viewer);
    expect(after.statusCode).toBe(401);
    expect(after.json().error).toEqual({ code: "unauthenticated", message: "the API token has been revoked" });
  });
});

describe("disabling users over HTTP", () => {
  it("stops a disabled user's tokens until an admin enables the user again, and refuses to disable oneself", async () => {
    const admin = await tokenFor("root", "admin");
    const viewer = await tokenFor("vic", "viewer");
    const disabled = await call("POST", "/api/v1/users/vic/disable", admin);
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ name: "vic", disabledAt: "2026-11-01T12:00:00.000Z" });
    const refused = await call("GET", "/api/v1/me", viewer);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.message).toBe('user "vic" is disabled');

    const users = (await call("GET", "/api/v1/users", admin)).json().items;
    expect(users.map((user: { name: string; disabledAt: string | null }) => [user.name, user.disabledAt])).toEqual([
      ["root", null],
      ["vic", "2026-11-01T12:00:00.000Z"],
    ]);

    const self = await call("POST", "/api/v1/users/root/disable", admin);
    expect(self.statusCode).toBe(409);
    expect(self.json().error).toEqual({ code: "conflict", message: "you cannot disable your own user" });
    expect((await call("POST", "/api/v1/users/ghost/disable", admin)).statusCode).toBe(404);

    expect((await call("POST", "/api/v1/users/vic/enable", admin)).json()).toMatchObject({ disabledAt: null });
    expect((await call("GET", "/api/v1/me", viewer)).statusCode).toBe(200);
  });
});
