import type { Role } from "@fleetpatch/core";
import { PostgresAdapter, sql } from "kysely";
import { newId, updateRowsById } from "../store/batch.js";
import { Store } from "../store/unit-of-work.js";

/** A user without secrets. */
export interface UserRecord {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
  /** When the user was disabled, or null while enabled. */
  readonly disabledAt: string | null;
}

/** The user a token belongs to, with the token's state. */
export interface TokenOwner extends UserRecord {
  readonly tokenId: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** An API token as listings show it: never its secret or hash. */
export interface TokenRecord {
  readonly id: string;
  readonly userId: string;
  readonly userName: string;
  readonly label: string | null;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** How long a PostgreSQL token-use update may wait for a row lock before it gives up. */
const TOKEN_USE_LOCK_TIMEOUT = "200ms";

const USER_COLUMNS = ["id", "name", "role", "created_at", "disabled_at"] as const;

function toUser(row: {
  id: string;
  name: string;
  role: Role;
  created_at: string;
  disabled_at: string | null;
}): UserRecord {
  return { id: row.id, name: row.name, role: row.role, createdAt: row.created_at, disabledAt: row.disabled_at };
}

/** Users and their API tokens. */
export class UsersStore extends Store {
  /** Insert a user; the caller has checked the name is free. */
  async insertUser(user: { name: string; role: Role; passwordHash: string; createdAt: string }): Promise<UserRecord> {
    const id = newId();
    await this.db
      .insertInto("users")
      .values({
        id,
        name: user.name,
        role: user.role,
        password_hash: user.passwordHash,
        created_at: user.createdAt,
        disabled_at: null,
      })
      .execute();
    return { id, name: user.name, role: user.role, createdAt: user.createdAt, disabledAt: null };
  }

  /** The user of that name, if any. */
  async findUserByName(name: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom("users").select(USER_COLUMNS).where("name", "=", name).executeTakeFirst();
    return row && toUser(row);
  }

  /** All users by name. */
  async listUsers(): Promise<UserRecord[]> {
    const rows = await this.db.selectFrom("users").select(USER_COLUMNS).orderBy("name").execute();
    return rows.map(toUser);
  }

  /** Set or clear when a user was disabled; an already disabled user keeps the first time. */
  async setUserDisabled(userId: string, at: string | null): Promise<void> {
    let update = this.db.updateTable("users").set({ disabled_at: at }).where("id", "=", userId);
    if (at !== null) update = update.where("disabled_at", "is", null);
    await update.execute();
  }

  /** Store a token's hash. */
  async insertToken(token: {
    userId: string;
    tokenHash: string;
    label: string | null;
    expiresAt: string | null;
    createdAt: string;
  }): Promise<string> {
    const id = newId();
    await this.db
      .insertInto("api_tokens")
      .values({
        id,
        user_id: token.userId,
        token_hash: token.tokenHash,
        label: token.label,
        expires_at: token.expiresAt,
        created_at: token.createdAt,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    return id;
  }

  /** The owner of the token with that hash, if any. */
  async findTokenOwner(tokenHash: string): Promise<TokenOwner | undefined> {
    const row = await this.db
      .selectFrom("api_tokens as t")
      .innerJoin("users as u", "u.id", "t.user_id")
      .select([
        "t.id as tokenId",
        "t.expires_at",
        "t.last_used_at",
        "t.revoked_at",
        "u.id",
        "u.name",
        "u.role",
        "u.created_at",
        "u.disabled_at",
      ])
      .where("t.token_hash", "=", tokenHash)
      .executeTakeFirst();
    return (
      row && {
        ...toUser(row),
        tokenId: row.tokenId,
        expiresAt: row.expires_at,
        lastUsedAt: row.last_used_at,
        revokedAt: row.revoked_at,
      }
    );
  }

  /** Tokens, newest first; only one user's when `userId` is given. */
  async listTokens(filter: { userId?: string } = {}): Promise<TokenRecord[]> {
    let query = this.tokenQuery();
    if (filter.userId !== undefined) query = query.where("t.user_id", "=", filter.userId);
    const rows = await query.orderBy("t.created_at", "desc").orderBy("t.id", "desc").execute();
    return rows.map(toToken);
  }

  /** The token with that id, if any. */
  async findToken(id: string): Promise<TokenRecord | undefined> {
    const row = await this.tokenQuery().where("t.id", "=", id).executeTakeFirst();
    return row && toToken(row);
  }

  /** Mark a token revoked; a token revoked already keeps its first revocation time. */
  async revokeToken(id: string, at: string): Promise<void> {
    await this.db
      .updateTable("api_tokens")
      .set({ revoked_at: at })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .execute();
  }

  /**
   * Record when tokens were last used, without waiting for a lock: this runs beside requests, and
   * a busy database (another process importing) must make it fail at once rather than hold up
   * the connection. On SQLite the busy timeout is 0 for these statements only, on a connection
   * held for them; on PostgreSQL a short lock timeout bounds the wait for a token's row. The
   * caller treats any failure as "try again later".
   */
  async recordTokenUse(uses: ReadonlyArray<{ readonly id: string; readonly at: string }>): Promise<void> {
    if (uses.length === 0) return;
    const update = (db: typeof this.db) => updateRowsById(db, "api_tokens", uses, { last_used_at: (use) => use.at });
    if (this.db.getExecutor().adapter instanceof PostgresAdapter) {
      await this.db.transaction().execute(async (trx) => {
        await sql.raw(`set local lock_timeout = '${TOKEN_USE_LOCK_TIMEOUT}'`).execute(trx);
        await update(trx);
      });
      return;
    }
    await this.db.connection().execute(async (connection) => {
      const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(connection);
      const previous = Number(rows[0]?.timeout ?? 0);
      await sql`pragma busy_timeout = 0`.execute(connection);
      try {
        await update(connection);
      } finally {
        await sql.raw(`pragma busy_timeout = ${Math.trunc(previous)}`).execute(connection);
      }
    });
  }

  private tokenQuery() {
    return this.db
      .selectFrom("api_tokens as t")
      .innerJoin("users as u", "u.id", "t.user_id")
      .select([
        "t.id",
        "t.user_id",
        "u.name as user_name",
        "t.label",
        "t.created_at",
        "t.expires_at",
        "t.last_used_at",
        "t.revoked_at",
      ]);
  }
}

function toToken(row: {
  id: string;
  user_id: string;
  user_name: string;
  label: string | null;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}): TokenRecord {
  return {
    id: row.id,
    userId: row.user_id,
    userName: row.user_name,
    label: row.label,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
