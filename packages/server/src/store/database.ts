import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UnavailableError } from "@fleetpatch/core";
import SqliteDatabase from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { migrationProvider } from "./migrations/index.js";
import type { Database } from "./schema.js";

/** The two supported dialects; the rest of the code never branches on this outside store files. */
export type DialectName = "sqlite" | "postgres";

/** An open, migrated database. */
export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Where it lives, with any password removed, for messages. */
  readonly location: string;
  close(): Promise<void>;
}

/** True for `postgres://` and `postgresql://` URLs. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** The URL with its password replaced, safe to print. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

/**
 * Open the database named by `target` (a SQLite file path, `:memory:`, or a PostgreSQL URL) and
 * bring its schema up to date.
 */
export async function openDatabase(target: string, options: { migrateUpTo?: string } = {}): Promise<DatabaseHandle> {
  const handle = isPostgresUrl(target) ? await openPostgres(target) : openSqlite(target);
  try {
    await migrate(handle.db, options.migrateUpTo);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

function openSqlite(path: string): DatabaseHandle {
  const file = path === ":memory:" ? path : resolve(path);
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  let sqlite: SqliteDatabase.Database;
  try {
    sqlite = new SqliteDatabase(file);
    // WAL lets the API read while an import writes; foreign keys are off by default in SQLite.
    // The first pragma also reads the file header, so a file that is not a database fails here.
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("synchronous = NORMAL");
  } catch (error) {
    throw new UnavailableError(`cannot open SQLite database ${file}: ${(error as Error).message}`, { cause: error });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: "sqlite", location: file, close: () => db.destroy() };
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end();
    throw new UnavailableError(`cannot connect to PostgreSQL at ${redactUrl(url)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", location: redactUrl(url), close: () => db.destroy() };
}

/** Bring the schema to the latest migration, or up to a named one (migration tests start from an old schema). */
async function migrate(db: Kysely<Database>, upTo: string | undefined): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error } = upTo === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(upTo);
  if (error) throw error;
}

/** Round-trip a trivial query; used by /readyz. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
