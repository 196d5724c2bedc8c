import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, inject } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { openTestContext } from "./context.js";

/** A database a test owns: its URL or path, and how to throw it away. */
export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A store dialect under test. */
export interface TestDialect {
  readonly name: "sqlite" | "postgres";
  /** Why this dialect is skipped here, or "" when it runs. */
  readonly skipReason: string;
  createDatabase(): Promise<TestDatabase>;
  /** A database with no schema at all, for migration tests. */
  createEmptyDatabase(): Promise<TestDatabase>;
}

let counter = 0;

async function sqliteFile(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "fleetpatch-test-"));
  return { url: join(dir, "test.db"), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

const sqlite: TestDialect = {
  name: "sqlite",
  skipReason: "",
  createDatabase: sqliteFile,
  createEmptyDatabase: sqliteFile,
};

/** A new PostgreSQL database for this test, cloned from `template` (or empty without one). */
async function postgresDatabase(template: string | undefined): Promise<TestDatabase> {
  const adminUrl = inject("pgAdminUrl");
  const name = `${inject("pgTemplate").replace(/_template$/, "")}_${process.pid}_${++counter}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

const postgres: TestDialect = {
  name: "postgres",
  skipReason: inject("pgSkipReason"),
  createDatabase: () => postgresDatabase(inject("pgTemplate")),
  createEmptyDatabase: () => postgresDatabase(undefined),
};

/** Both dialects; store tests run `describe.each(DIALECTS)` and skip PostgreSQL only when told. */
export const DIALECTS: readonly TestDialect[] = [sqlite, postgres];

/** A test's own database and a context over it. */
export interface DialectEnv {
  readonly dialect: TestDialect;
  readonly database: TestDatabase;
  readonly context: AppContext;
}

/**
 * Define the same tests once per dialect, named `<title> [sqlite]` and `<title> [postgres]`;
 * each test gets a fresh, migrated database and a context over it.
 */
export function describeOnEachDialect(title: string, body: (env: () => DialectEnv) => void): void {
  for (const dialect of DIALECTS) {
    describe.skipIf(dialect.skipReason !== "")(`${title} [${dialect.name}]`, () => {
      let current: DialectEnv | undefined;
      beforeEach(async () => {
        const database = await dialect.createDatabase();
        const context = await openTestContext(database.url);
        current = { dialect, database, context };
      });
      afterEach(async () => {
        await current?.context.close();
        await current?.database.drop();
        current = undefined;
      });
      body(() => {
        if (!current) throw new Error("the dialect environment is only available inside a test");
        return current;
      });
    });
  }
}
