import type { Kysely, Migration } from "kysely";

/**
 * Issue 7: a user can be disabled (`users.disabled_at`), which stops every token of theirs from
 * authenticating without deleting anything, and a token can be revoked (`api_tokens.revoked_at`),
 * which keeps its row so `tokens list` still shows when and that it was revoked. Both are null
 * for the rows that exist, so nothing changes for them.
 */
export const userDisabledMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("users").addColumn("disabled_at", "text").execute();
    await db.schema.alterTable("api_tokens").addColumn("revoked_at", "text").execute();
  },
};
