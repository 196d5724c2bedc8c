import type { Insertable, Kysely, Transaction } from "kysely";
import type { Database } from "./schema.js";

/** Stay under SQLite's 32766 bound-parameter limit; PostgreSQL allows 65535. */
const MAX_PARAMETERS = 30_000;
const MAX_ROWS_PER_STATEMENT = 1_000;

/** Split `items` into arrays of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/**
 * Insert many rows with multi-row INSERT statements sized to the dialects' parameter limits.
 * Call it inside a transaction so the whole set lands or none of it does.
 */
export async function insertRows<T extends keyof Database & string>(
  db: Kysely<Database> | Transaction<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length || 1;
  const size = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns)));
  for (const part of chunk(rows, size)) {
    await db
      .insertInto(table)
      // biome-ignore lint/suspicious/noExplicitAny: Kysely cannot type a table chosen at run time.
      .values(part as any)
      .execute();
  }
}

/** Ids for new rows; random so that imports on different machines never collide. */
export function newId(): string {
  return crypto.randomUUID();
}
