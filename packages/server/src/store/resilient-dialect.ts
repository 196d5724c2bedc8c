import { InputError, UnavailableError } from "@fleetpatch/core";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from "kysely";

/** What the CLI prints and the API answers when another writer holds the SQLite write lock. */
export const BUSY_MESSAGE = "database is busy: another fleetpatch process is writing; retry";

/** Seconds a client should wait before retrying a write refused as busy or unreachable. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * How a dialect's driver errors become typed errors, and how its write transactions begin. The
 * store's callers never see `SQLITE_BUSY`, `57P01` or `ECONNREFUSED`: a busy or vanished database is
 * an UnavailableError (CLI exit 1 with one line, HTTP 503 with Retry-After), never a bug.
 */
export interface DialectPolicy {
  /** The statement that opens a transaction (SQLite: `begin immediate`, so the write lock is taken up front). */
  readonly begin?: string;
  /** The typed error for a driver error, or undefined to let it through as a bug. */
  translate(error: unknown): Error | undefined;
  /** The typed error for a failure to get a connection (by default, `translate`'s). */
  translateConnect?(error: unknown): Error | undefined;
}

/** Wrap a Kysely dialect so its driver follows `policy`. */
export function resilientDialect(inner: Dialect, policy: DialectPolicy): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createDriver: () => new ResilientDriver(inner.createDriver(), policy),
  };
}

class ResilientDriver implements Driver {
  private readonly connections = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly policy: DialectPolicy,
  ) {}

  init(): Promise<void> {
    return this.guard(() => this.inner.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    let connection: DatabaseConnection;
    try {
      connection = await this.inner.acquireConnection();
    } catch (error) {
      throw (this.policy.translateConnect ?? this.policy.translate)(error) ?? error;
    }
    let wrapped = this.connections.get(connection);
    if (!wrapped) {
      wrapped = new ResilientConnection(connection, this.policy);
      this.connections.set(connection, wrapped);
    }
    return wrapped;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const begin = this.policy.begin;
    if (begin !== undefined) return connection.executeQuery(CompiledQuery.raw(begin)).then(() => undefined);
    return this.guard(() => this.inner.beginTransaction(unwrap(connection), settings));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.guard(() => this.inner.commitTransaction(unwrap(connection)));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.guard(() => this.inner.rollbackTransaction(unwrap(connection)));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }

  private async guard<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw this.policy.translate(error) ?? error;
    }
  }
}

const innerOf = new WeakMap<DatabaseConnection, DatabaseConnection>();

function unwrap(connection: DatabaseConnection): DatabaseConnection {
  return innerOf.get(connection) ?? connection;
}

class ResilientConnection implements DatabaseConnection {
  constructor(
    inner: DatabaseConnection,
    private readonly policy: DialectPolicy,
  ) {
    innerOf.set(this, inner);
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await unwrap(this).executeQuery<R>(query);
    } catch (error) {
      throw this.policy.translate(error) ?? error;
    }
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    try {
      yield* unwrap(this).streamQuery<R>(query, chunkSize);
    } catch (error) {
      throw this.policy.translate(error) ?? error;
    }
  }
}

/** SQLite result codes (better-sqlite3 `SqliteError.code`) that mean "another connection holds the lock". */
const SQLITE_BUSY_CODES = new Set(["SQLITE_BUSY", "SQLITE_BUSY_SNAPSHOT", "SQLITE_BUSY_RECOVERY", "SQLITE_LOCKED"]);

/** The SQLite policy: take the write lock at BEGIN; a lock not got within the busy timeout is "busy". */
export function sqlitePolicy(location: string): DialectPolicy {
  return {
    begin: "begin immediate",
    translate(error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== "string") return undefined;
      if (SQLITE_BUSY_CODES.has(code)) {
        return new UnavailableError(BUSY_MESSAGE, { cause: error, retryAfterSeconds: RETRY_AFTER_SECONDS });
      }
      if (code.startsWith("SQLITE_READONLY")) {
        return new InputError(
          `database ${location} is read-only here; writing needs write permission on it and its folder`,
          {
            cause: error,
          },
        );
      }
      if (code === "SQLITE_FULL") return new UnavailableError(`the disk holding ${location} is full`, { cause: error });
      return undefined;
    },
  };
}

/**
 * PostgreSQL SQLSTATEs and socket errors that mean the server went away or refuses connections
 * (restart, failover, `pg_terminate_backend`); the pool replaces the connection on the next use.
 */
const PG_GONE_CODES = new Set([
  "57P01", // admin_shutdown (pg_terminate_backend, fast shutdown)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, shutting down)
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** The PostgreSQL policy: lost connections and refused statements are "unavailable", with a retry hint. */
export function postgresPolicy(location: string): DialectPolicy {
  return {
    // Whatever stops a new connection (server down, database closed to connections, too many
    // clients) means the database is not there for this request; the next one tries again.
    translateConnect: (error) =>
      new UnavailableError(`database at ${location} is not reachable: ${(error as Error).message}`, {
        cause: error,
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      }),
    translate(error) {
      if (!(error instanceof Error)) return undefined;
      const code = (error as { code?: unknown }).code;
      if (code === "57014") {
        // query_canceled: the statement time limit (statement_timeout) ended it.
        return new UnavailableError(
          "the database query took longer than the statement time limit; narrow it or retry",
          {
            cause: error,
            retryAfterSeconds: RETRY_AFTER_SECONDS,
          },
        );
      }
      if (code === "22021" || code === "22P05") {
        // character_not_in_repertoire, untranslatable_character: text PostgreSQL cannot hold (NUL).
        // Inputs are checked before they get here; this keeps any that slip through a user error.
        return new InputError(`the database cannot store this text: ${error.message}`, { cause: error });
      }
      if (code === "53300" || code === "55P03" || code === "40001" || code === "40P01") {
        // too_many_connections, lock_not_available, serialization_failure, deadlock_detected
        return new UnavailableError(`database is busy: ${error.message}; retry`, {
          cause: error,
          retryAfterSeconds: RETRY_AFTER_SECONDS,
        });
      }
      const gone =
        (typeof code === "string" && PG_GONE_CODES.has(code)) ||
        /Connection terminated|connection timeout|Client has encountered a connection error/i.test(error.message);
      if (gone) {
        return new UnavailableError(`database at ${location} is not reachable: ${error.message}`, {
          cause: error,
          retryAfterSeconds: RETRY_AFTER_SECONDS,
        });
      }
      return undefined;
    },
  };
}
