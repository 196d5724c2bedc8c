import { InputError, UnavailableError } from "@fleetpatch/core";
import { sql } from "kysely";
import { describe, expect, inject, it } from "vitest";
import { DIALECTS } from "../../test/support/dialects.js";
import { openDatabase } from "./database.js";
import { BUSY_MESSAGE, postgresPolicy, sqlitePolicy } from "./resilient-dialect.js";

/** Issue 7, items 1–3: driver errors become typed errors, one rule per code. */
describe("the dialect policies", () => {
  it("read SQLite's busy and read-only codes", () => {
    const busy = sqlitePolicy("/x.db").translate(
      Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }),
    );
    expect(busy).toBeInstanceOf(UnavailableError);
    expect(busy?.message).toBe(BUSY_MESSAGE);
    expect((busy as UnavailableError).retryAfterSeconds).toBe(5);
    const readOnly = sqlitePolicy("/x.db").translate(
      Object.assign(new Error("ro"), { code: "SQLITE_READONLY_DIRECTORY" }),
    );
    expect(readOnly).toBeInstanceOf(InputError);
    expect(
      sqlitePolicy("/x.db").translate(Object.assign(new Error("x"), { code: "SQLITE_CONSTRAINT" })),
    ).toBeUndefined();
  });

  it("read PostgreSQL's lost connections, time limit and unstorable text", () => {
    const policy = postgresPolicy("postgres://db/fleet");
    const pgError = (code: string, message = "x") => Object.assign(new Error(message), { code });
    expect(policy.translate(pgError("57P01", "terminating connection due to administrator command"))).toBeInstanceOf(
      UnavailableError,
    );
    expect(policy.translate(new Error("Connection terminated unexpectedly"))).toBeInstanceOf(UnavailableError);
    expect(policy.translate(pgError("57014"))?.message).toMatch(/statement time limit/);
    expect(policy.translate(pgError("22021"))).toBeInstanceOf(InputError);
    expect(policy.translate(pgError("23505"))).toBeUndefined();
  });
});

const postgres = DIALECTS.find((dialect) => dialect.name === "postgres");
describe.skipIf(inject("pgSkipReason") !== "")("the statement time limit [postgres]", () => {
  it("ends a statement past the limit as unavailable, and the connection serves the next one", async () => {
    const database = await postgres?.createDatabase();
    if (!database) throw new Error("no PostgreSQL database");
    const handle = await openDatabase(database.url, { statementTimeoutMs: 200 });
    try {
      const slow = sql`select pg_sleep(2)`.execute(handle.db);
      await expect(slow).rejects.toBeInstanceOf(UnavailableError);
      await expect(slow).rejects.toThrow(
        "the database query took longer than the statement time limit; narrow it or retry",
      );
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await handle.close();
      await database.drop();
    }
  });
});
