import { AuthenticationError, UnavailableError } from "@fleetpatch/core";
import SqliteDatabase from "better-sqlite3";
import { sql } from "kysely";
import pg from "pg";
import { expect, it } from "vitest";
import { describeOnEachDialect } from "../../test/support/dialects.js";
import { AuthService } from "./auth.service.js";
import { UsersStore } from "./auth.store.js";

describeOnEachDialect("users and API tokens", (env) => {
  async function userWithToken(name: string, role: "admin" | "viewer" = "viewer") {
    const { auth } = env().context;
    await auth.createUser({ name, role });
    return (await auth.createToken({ userName: name, expiresInDays: 30, label: `${name}'s laptop` })).token;
  }

  async function lastUsedAt(): Promise<Array<string | null>> {
    const rows = await env().context.database.db.selectFrom("api_tokens").select("last_used_at").execute();
    return rows.map((row) => row.last_used_at);
  }

  it("takes a token lifetime in whole days from 1 to 3650 only", async () => {
    const { auth } = env().context;
    await auth.createUser({ name: "ops", role: "operator" });
    for (const days of [0, 1.5, 3651, -1, Number.NaN]) {
      await expect(auth.createToken({ userName: "ops", expiresInDays: days })).rejects.toThrow(
        /^a token's lifetime must be a whole number of days from 1 to 3650, not /,
      );
    }
    const shortest = await auth.createToken({ userName: "ops", expiresInDays: 1 });
    const longest = await auth.createToken({ userName: "ops", expiresInDays: 3650 });
    expect([shortest.expiresAt, longest.expiresAt]).toEqual(["2026-11-02T12:00:00.000Z", "2036-10-29T12:00:00.000Z"]);
  });

  it("lists tokens with their state and never their secret; a revoked token stops authenticating", async () => {
    const { auth } = env().context;
    const token = await userWithToken("ana");
    const [listed] = await auth.listTokens();
    expect(listed).toEqual({
      id: expect.any(String),
      userId: expect.any(String),
      userName: "ana",
      label: "ana's laptop",
      createdAt: "2026-11-01T12:00:00.000Z",
      expiresAt: "2026-12-01T12:00:00.000Z",
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(listed)).not.toContain(token.slice(4, 20));

    const revoked = await auth.revokeToken(listed?.id ?? "");
    expect(revoked).toMatchObject({ alreadyRevoked: false, token: { revokedAt: "2026-11-01T12:00:00.000Z" } });
    await expect(auth.authenticate(token)).rejects.toThrow(new AuthenticationError("the API token has been revoked"));
    expect(await auth.revokeToken(listed?.id ?? "")).toMatchObject({ alreadyRevoked: true });
    await expect(auth.revokeToken("01a24263-0000-7000-8000-000000000000")).rejects.toThrow(
      'no API token with id "01a24263-0000-7000-8000-000000000000"',
    );
  });

  it("stops a disabled user's tokens from authenticating until the user is enabled again", async () => {
    const { auth } = env().context;
    const token = await userWithToken("kim");
    expect(await auth.authenticate(token)).toMatchObject({ name: "kim" });
    const disabled = await auth.disableUser("kim");
    expect(disabled.disabledAt).toBe("2026-11-01T12:00:00.000Z");
    await expect(auth.authenticate(token)).rejects.toThrow(new AuthenticationError('user "kim" is disabled'));
    await expect(auth.createToken({ userName: "kim", expiresInDays: 1 })).rejects.toThrow(
      'user "kim" is disabled; enable it first',
    );
    expect((await auth.listUsers()).map((user) => [user.name, user.disabledAt])).toEqual([
      ["kim", "2026-11-01T12:00:00.000Z"],
    ]);
    await auth.enableUser("kim");
    expect(await auth.authenticate(token)).toMatchObject({ name: "kim" });
    await expect(auth.disableUser("nobody")).rejects.toThrow('no user named "nobody"');
  });

  it("shows a caller only their own tokens unless their role reads users, and hides others' tokens from revocation", async () => {
    const { auth } = env().context;
    await userWithToken("root", "admin");
    await userWithToken("vic");
    const root = await auth.authenticate((await auth.createToken({ userName: "root", expiresInDays: 1 })).token);
    const vic = await auth.authenticate((await auth.createToken({ userName: "vic", expiresInDays: 1 })).token);

    expect(new Set((await auth.listTokens({}, vic)).map((token) => token.userName))).toEqual(new Set(["vic"]));
    expect(new Set((await auth.listTokens({}, root)).map((token) => token.userName))).toEqual(new Set(["root", "vic"]));
    expect((await auth.listTokens({ userName: "vic" }, root)).every((token) => token.userName === "vic")).toBe(true);
    await expect(auth.listTokens({ userName: "root" }, vic)).rejects.toThrow(
      "the viewer role does not grant users:read",
    );

    const rootToken = (await auth.listTokens({ userName: "root" })).at(0)?.id ?? "";
    await expect(auth.revokeToken(rootToken, vic)).rejects.toThrow(`no API token with id "${rootToken}"`);
    const vicToken = (await auth.listTokens({ userName: "vic" })).at(0)?.id ?? "";
    expect((await auth.revokeToken(vicToken, vic)).alreadyRevoked).toBe(false);
    await expect(auth.disableUser("root", root)).rejects.toThrow("you cannot disable your own user");
  });

  it("records when a token was last used, at most every five minutes", async () => {
    const { auth } = env().context;
    const token = await userWithToken("lee");
    await auth.authenticate(token);
    await auth.flushTokenUse();
    expect(await lastUsedAt()).toEqual(["2026-11-01T12:00:00.000Z"]);
  });

  it("authenticates while another connection holds the write lock, and records the use once it is free", async () => {
    const { dialect, database, context } = env();
    const token = await userWithToken("eve");
    const release = await holdWriteLock(dialect.name, database.url);
    try {
      // The service's own waits are short, so the defect (authentication awaiting the write) fails fast.
      if (dialect.name === "sqlite") await sql`pragma busy_timeout = 100`.execute(context.database.db);
      expect(await context.auth.authenticate(token)).toMatchObject({ name: "eve", role: "viewer" });
      // The write gives up instead of waiting for the lock; the use stays queued.
      await context.auth.flushTokenUse();
      expect(await lastUsedAt()).toEqual([null]);
    } finally {
      await release();
    }
    await context.auth.flushTokenUse();
    expect(await lastUsedAt()).toEqual(["2026-11-01T12:00:00.000Z"]);
  });

  it("authenticates when recording the use fails outright (a busy or unavailable database)", async () => {
    const { context } = env();
    const token = await userWithToken("ray");
    const failures = [
      Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }),
      new UnavailableError("database is busy: another fleetpatch process is writing; retry"),
    ];
    for (const failure of failures) {
      // The real store, failing only the write, as the lead's driver or SQLite itself makes it fail.
      class FailingStore extends UsersStore {
        override async recordTokenUse(): Promise<void> {
          throw failure;
        }
      }
      const debug: unknown[] = [];
      const auth = new AuthService(new FailingStore(context.database.db), context.clock, {
        debug: (...args: unknown[]) => void debug.push(args),
      });
      expect(await auth.authenticate(token)).toMatchObject({ name: "ray" });
      await auth.flushTokenUse();
      expect(debug.length).toBeGreaterThan(0);
      expect(debug[0]).toEqual([{ err: failure, tokens: 1 }, "token use not recorded yet; the database is busy"]);
      expect(await lastUsedAt()).toEqual([null]);
    }
  });
});

/**
 * Another process's write transaction on the same database: SQLite's RESERVED lock (BEGIN
 * IMMEDIATE, what an import holds), or on PostgreSQL a transaction holding every token row.
 */
async function holdWriteLock(dialect: "sqlite" | "postgres", url: string): Promise<() => Promise<void>> {
  if (dialect === "sqlite") {
    const other = new SqliteDatabase(url);
    other.exec("BEGIN IMMEDIATE");
    return async () => {
      other.exec("ROLLBACK");
      other.close();
    };
  }
  const other = new pg.Client({ connectionString: url });
  await other.connect();
  await other.query("BEGIN");
  await other.query("SELECT id FROM api_tokens FOR UPDATE");
  return async () => {
    await other.query("ROLLBACK");
    await other.end();
  };
}
