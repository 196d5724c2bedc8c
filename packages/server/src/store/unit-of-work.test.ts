import { expect, it } from "vitest";
import { describeOnEachDialect } from "../../test/support/dialects.js";
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
