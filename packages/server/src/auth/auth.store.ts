import type { Role } from "@fleetpatch/core";
import { newId } from "../store/batch.js";
import { Store } from "../store/unit-of-work.js";

/** A user without secrets. */
export interface UserRecord {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
}

/** The user a token belongs to, with the token's expiry. */
export interface TokenOwner extends UserRecord {
  readonly tokenId: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
}

/** Users and their API tokens. */
export class UsersStore extends Store {
  /** Insert a user; the caller has checked the name is free. */
  async insertUser(user: { name: string; role: Role; passwordHash: string; createdAt: string }): Promise<UserRecord> {
    const id = newId();
    await this.db
      .insertInto("users")
      .values({ id, name: user.name, role: user.role, password_hash: user.passwordHash, created_at: user.createdAt })
      .execute();
    return { id, name: user.name, role: user.role, createdAt: user.createdAt };
  }

  /** The user of that name, if any. */
  async findUserByName(name: string): Promise<UserRecord | undefined> {
    const row = await this.db
      .selectFrom("users")
      .select(["id", "name", "role", "created_at"])
      .where("name", "=", name)
      .executeTakeFirst();
    return row && { id: row.id, name: row.name, role: row.role, createdAt: row.created_at };
  }

  /** All users by name. */
  async listUsers(): Promise<UserRecord[]> {
    const rows = await this.db
      .selectFrom("users")
      .select(["id", "name", "role", "created_at"])
      .orderBy("name")
      .execute();
    return rows.map((row) => ({ id: row.id, name: row.name, role: row.role, createdAt: row.created_at }));
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
      })
      .execute();
    return id;
  }

  /** The owner of the token with that hash, if any. */
  async findTokenOwner(tokenHash: string): Promise<TokenOwner | undefined> {
    const row = await this.db
      .selectFrom("api_tokens as t")
      .innerJoin("users as u", "u.id", "t.user_id")
      .select(["t.id as tokenId", "t.expires_at", "t.last_used_at", "u.id", "u.name", "u.role", "u.created_at"])
      .where("t.token_hash", "=", tokenHash)
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        name: row.name,
        role: row.role,
        createdAt: row.created_at,
        tokenId: row.tokenId,
        expiresAt: row.expires_at,
        lastUsedAt: row.last_used_at,
      }
    );
  }

  /** Record when a token was last used. */
  async touchToken(tokenId: string, at: string): Promise<void> {
    await this.db.updateTable("api_tokens").set({ last_used_at: at }).where("id", "=", tokenId).execute();
  }
}
