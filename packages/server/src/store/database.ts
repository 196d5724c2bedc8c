import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { InputError, NotFoundError, UnavailableError } from "@fleetpatch/core";
import SqliteDatabase from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { migrationProvider } from "./migrations/index.js";
import { postgresPolicy, resilientDialect, sqlitePolicy } from "./resilient-dialect.js";
import type { Database } from "./schema.js";

/** The two supported dialects; the rest of the code never branches on this outside store files. */
export type DialectName = "sqlite" | "postgres";

/** An open, migrated database. */
export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Where it lives, with any password removed, for messages. */
  readonly location: string;
  /** How this database takes a bulk load (docs/adr/0027); none when nothing is to be gained. */
  readonly bulkLoad?: BulkLoad;
  close(): Promise<void>;
}

/**
 * A dialect's way of writing a large batch faster than ordinary transactions do. SQLite leaves WAL
 * for the load when no other connection has the file open: WAL writes every page twice (to the
 * log, then to the file), a rollback journal writes a growing file's new pages once.
 */
export interface BulkLoad {
  /** Before the load's transaction: true when the faster mode is on. */
  enter(): boolean;
  /** After it, committed or not. */
  leave(): void;
}

/** How to open a database. */
export interface OpenOptions {
  /** Bring the schema only up to this migration (migration tests start from an old schema). */
  readonly migrateUpTo?: string;
  /**
   * Open for reading only: never create the file or its folder, never migrate (a schema that is
   * not current is an error naming the command that migrates), never write.
   */
  readonly readOnly?: boolean;
  /**
   * SQLite: how long a write waits for another writer's lock before it is refused as busy. The
   * CLI waits 5 s; the HTTP server's own connection waits briefly, because better-sqlite3 waits
   * synchronously and a long wait would stall every request (API writes answer 503 instead).
   */
  readonly busyTimeoutMs?: number;
  /** PostgreSQL: the statement time limit (statement_timeout), 0 for none. */
  readonly statementTimeoutMs?: number;
  /** Where a lost PostgreSQL connection is reported (the pool replaces it by itself). */
  readonly onConnectionError?: (error: Error) => void;
}

/** The default SQLite busy timeout: how long the CLI waits for another writer. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

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
 * bring its schema up to date (or, read-only, check that it is).
 */
export async function openDatabase(target: string, options: OpenOptions = {}): Promise<DatabaseHandle> {
  const handle = isPostgresUrl(target) ? await openPostgres(target, options) : openSqlite(target, options);
  try {
    if (options.readOnly) await assertCurrentSchema(handle);
    else await migrate(handle.db, options.migrateUpTo);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

function openSqlite(path: string, options: OpenOptions): DatabaseHandle {
  const file = path === ":memory:" ? path : resolve(path);
  if (options.readOnly && file !== ":memory:" && !existsSync(file)) {
    throw new NotFoundError(
      `no fleetpatch database at ${file}; import an SBOM or advisories first, or name another with --db / FLEETPATCH_DATABASE_URL`,
    );
  }
  const busyTimeoutMs = Math.max(0, Math.trunc(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS));
  let sqlite: SqliteDatabase.Database;
  try {
    if (file !== ":memory:" && !options.readOnly) mkdirSync(dirname(file), { recursive: true });
    sqlite = new SqliteDatabase(file, options.readOnly ? { readonly: true, fileMustExist: true } : {});
    sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
    if (options.readOnly) {
      // Reading the journal mode reads the file header: a file that is not a database fails here.
      sqlite.pragma("journal_mode");
    } else {
      // WAL lets the API read while an import writes; foreign keys are off by default in SQLite.
      // The first pragma also reads the file header, so a file that is not a database fails here.
      enterWal(sqlite, busyTimeoutMs);
      sqlite.pragma("synchronous = NORMAL");
    }
    sqlite.pragma("foreign_keys = ON");
  } catch (error) {
    throw openFailure(file, error);
  }
  const db = new Kysely<Database>({
    dialect: resilientDialect(new SqliteDialect({ database: withStatementCache(sqlite) }), sqlitePolicy(file)),
  });
  const close = async () => {
    if (!options.readOnly && file !== ":memory:") leaveRollbackJournal(sqlite);
    await db.destroy().catch(() => {});
  };
  const bulkLoad: BulkLoad | undefined =
    options.readOnly || file === ":memory:"
      ? undefined
      : {
          enter: () => leaveRollbackJournal(sqlite),
          leave: () => {
            try {
              enterWal(sqlite, busyTimeoutMs);
            } catch {
              // Busy for longer than the timeout: the file stays in rollback mode until the next open enters WAL.
            }
          },
        };
  return { db, dialect: "sqlite", location: file, close, ...(bulkLoad ? { bulkLoad } : {}) };
}

/** Statements kept prepared per connection; the bulk paths of imports repeat a handful. */
const CACHED_STATEMENTS = 64;

/**
 * The connection as Kysely's SQLite driver sees it, with its writes prepared once: the driver
 * prepares every query anew, which for a 200-row insert repeated thousands of times by a feed
 * import costs more than running it (docs/benchmarks.md, issue 8). Reads are prepared each time:
 * a statement still being iterated cannot run again.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = (source: string): SqliteDatabase.Statement => {
    const cached = cache.get(source);
    if (cached) {
      // Least recently used last out: a Map keeps insertion order.
      cache.delete(source);
      cache.set(source, cached);
      return cached;
    }
    const statement = sqlite.prepare(source);
    if (statement.reader) return statement;
    cache.set(source, statement);
    if (cache.size > CACHED_STATEMENTS) cache.delete(cache.keys().next().value as string);
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property, receiver) {
      if (property === "prepare") return prepare;
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * Switch to WAL. The switch needs the file to itself for a moment and SQLite does not call the busy
 * handler for it, so it is retried here within the busy timeout like any other lock.
 */
function enterWal(sqlite: SqliteDatabase.Database, busyTimeoutMs: number): void {
  const deadline = Date.now() + busyTimeoutMs;
  for (;;) {
    try {
      sqlite.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== "SQLITE_BUSY" || Date.now() >= deadline) throw error;
      // A synchronous pause: this runs while opening, before anything else uses the connection.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
    }
  }
}

/**
 * The last writer to close leaves the file in rollback-journal mode, so that a user who may only
 * read it (a copy on a read-only share, a service's database read by its operators) can open it:
 * reading a WAL file needs its -shm beside it, which a read-only folder cannot hold. Any
 * connection still open (a running server) keeps WAL on, and this quietly does nothing.
 */
function leaveRollbackJournal(sqlite: SqliteDatabase.Database): boolean {
  const timeout = sqlite.pragma("busy_timeout", { simple: true }) as number;
  try {
    // On this connection, as its last statements: no second open of the file on every exit.
    sqlite.pragma("busy_timeout = 0");
    return sqlite.pragma("journal_mode = DELETE", { simple: true }) === "delete";
  } catch {
    // Another connection is open, a transaction is, or the file went away: WAL stays.
    return false;
  } finally {
    sqlite.pragma(`busy_timeout = ${timeout}`);
  }
}

/**
 * One line for a SQLite file that cannot be opened: what the dialect policy reads in any driver
 * error (busy, read-only) reads the same here; permissions and "not a database" are user errors.
 */
function openFailure(file: string, error: unknown): Error {
  const translated = sqlitePolicy(file).translate(error);
  if (translated) return translated;
  const code = (error as { code?: unknown }).code;
  const reason = (error as Error).message;
  if (code === "EACCES" || code === "EPERM" || code === "SQLITE_CANTOPEN" || code === "SQLITE_PERM") {
    return new InputError(`cannot open SQLite database ${file}: permission denied or missing folder (${reason})`, {
      cause: error,
    });
  }
  if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") {
    return new InputError(`cannot open SQLite database ${file}: ${reason}`, { cause: error });
  }
  return new UnavailableError(`cannot open SQLite database ${file}: ${reason}`, { cause: error });
}

async function openPostgres(url: string, options: OpenOptions): Promise<DatabaseHandle> {
  const location = redactUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 10_000,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
  // A backend that ends (restart, failover, pg_terminate_backend) makes its client emit `error`.
  // Unhandled, that event would end the process; handled, the pool drops the client and the next
  // query opens a new connection, so the service recovers by itself.
  const report = (error: Error) => options.onConnectionError?.(error);
  pool.on("error", report);
  pool.on("connect", (client) => {
    client.on("error", report);
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end();
    throw new UnavailableError(`cannot connect to PostgreSQL at ${location}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const db = new Kysely<Database>({
    dialect: resilientDialect(new PostgresDialect({ pool }), postgresPolicy(location)),
  });
  return { db, dialect: "postgres", location, close: () => db.destroy() };
}

/** Bring the schema to the latest migration, or up to a named one (migration tests start from an old schema). */
async function migrate(db: Kysely<Database>, upTo: string | undefined): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error } = upTo === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(upTo);
  if (error) throw error;
}

/** A read-only open never migrates: the schema must already be this version's. */
async function assertCurrentSchema(handle: DatabaseHandle): Promise<void> {
  const expected = Object.keys(await migrationProvider.getMigrations());
  let applied: string[];
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(handle.db);
    applied = rows.map((row) => row.name);
  } catch (error) {
    if (error instanceof UnavailableError) throw error;
    throw new InputError(
      `${handle.location} holds no fleetpatch data yet; import an SBOM or advisories first, or name another database with --db`,
      { cause: error },
    );
  }
  const missing = expected.filter((name) => !applied.includes(name));
  if (missing.length > 0) {
    throw new InputError(
      `the database at ${handle.location} is from an older fleetpatch (missing ${missing.join(", ")}); run any command that writes (e.g. fleetpatch match) to upgrade it`,
    );
  }
  const unknown = applied.filter((name) => !expected.includes(name));
  if (unknown.length > 0) {
    throw new InputError(
      `the database at ${handle.location} is from a newer fleetpatch (${unknown.join(", ")}); upgrade fleetpatch`,
    );
  }
}

/** Round-trip a trivial query; used by /readyz. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
