import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { describeOnEachDialect } from "../../test/support/dialects.js";
import { openDatabase } from "./database.js";
import { Store, type UnitOfWorkScope, unitOfWork } from "./unit-of-work.js";

class UsersProbe extends Store {
  async insert(name: string): Promise<void> {
    await this.db
      .insertInto("users")
      .values({ id: name, name, role: "viewer", password_hash: "x", created_at: "2026-01-01T00:00:00Z" })
      .execute();
  }
  async count(): Promise<number> {
    const rows = await this.db.selectFrom("users").select("id").execute();
    return rows.length;
  }
  /** SQLite's journal mode, read on this store's connection (inside its transaction when bound to one). */
  async journalMode(): Promise<string> {
    const result = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(this.db);
    return result.rows[0]?.journal_mode ?? "";
  }
}

describeOnEachDialect("the unit of work", (env) => {
  it("lands everything or nothing, runs afterCommit only on commit, and refuses an ended scope", async () => {
    const { db } = env().context.database;
    const work = unitOfWork(db);
    const store = new UsersProbe(db);
    const committed: string[] = [];
    let kept: UnitOfWorkScope | undefined;
    await work.transaction(async (scope) => {
      kept = scope;
      await store.in(scope).insert("a");
      scope.afterCommit(() => void committed.push("a"));
    });
    await expect(
      work.transaction(async (scope) => {
        await store.in(scope).insert("b");
        scope.afterCommit(() => void committed.push("b"));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await store.count()).toBe(1);
    expect(committed).toEqual(["a"]);
    expect(() => store.in(kept as UnitOfWorkScope)).toThrow("the unit of work has already ended");
  });
});

describe("a bulk unit of work on SQLite [sqlite]", () => {
  it("writes without WAL while it has the file to itself, returns to WAL after, and keeps WAL when another connection is open", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fleetpatch-bulk-"));
    const file = join(dir, "bulk.db");
    const handle = await openDatabase(file);
    try {
      const work = unitOfWork(handle.db, handle.bulkLoad);
      const store = new UsersProbe(handle.db);
      const modes: string[] = [];
      await work.transaction(
        async (scope) => {
          await store.in(scope).insert("alone");
          modes.push(await store.in(scope).journalMode());
        },
        { bulk: true },
      );
      modes.push(await store.journalMode());
      expect(modes).toEqual(["delete", "wal"]);
      // A reader elsewhere (a server, another CLI) keeps the file in WAL: it may read while the load writes.
      const reader = new SqliteDatabase(file);
      try {
        reader.prepare("select count(*) from users").get();
        await work.transaction(
          async (scope) => {
            await store.in(scope).insert("shared");
            modes.push(await store.in(scope).journalMode());
          },
          { bulk: true },
        );
        expect(modes[2]).toBe("wal");
        expect(reader.prepare("select count(*) as n from users").get()).toEqual({ n: 2 });
      } finally {
        reader.close();
      }
      // A failed load rolls back and still returns to WAL.
      await expect(
        work.transaction(
          async (scope) => {
            await store.in(scope).insert("lost");
            throw new Error("load failed");
          },
          { bulk: true },
        ),
      ).rejects.toThrow("load failed");
      expect(await store.count()).toBe(2);
      expect(await store.journalMode()).toBe("wal");
    } finally {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
