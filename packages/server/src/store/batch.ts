import { CompiledQuery, type Insertable, type RawBuilder, SqliteAdapter, sql } from "kysely";
import type { Database } from "./schema.js";
import type { Executor } from "./unit-of-work.js";

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
  db: Executor,
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

/** A `CASE id WHEN … THEN … END` expression giving each row its own value, for set-based updates. */
export function caseById(
  rows: ReadonlyArray<{ readonly id: string }>,
  value: (row: never) => unknown,
): RawBuilder<unknown> {
  const whens = rows.map((row) => sql`when ${row.id} then ${value(row as never)}`);
  return sql`case id ${sql.join(whens, sql` `)} end`;
}

/**
 * Give many rows their own values in few statements: one `UPDATE … SET col = CASE id … END WHERE
 * id IN (…)` per slice of rows, never one statement per row; `fixed` columns get the same value.
 */
export async function updateRowsById<T extends keyof Database & string, R extends { readonly id: string }>(
  db: Executor,
  table: T,
  rows: readonly R[],
  perRow: Readonly<Record<string, (row: R) => unknown>>,
  fixed: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(perRow).length;
  // Each row costs two parameters per CASE column plus one in the IN list.
  const size = Math.max(1, Math.min(500, Math.floor(MAX_PARAMETERS / (2 * columns + 1))));
  for (const part of chunk(rows, size)) {
    const set: Record<string, unknown> = { ...fixed };
    for (const [column, value] of Object.entries(perRow))
      set[column] = caseById(part, value as (row: never) => unknown);
    // biome-ignore lint/suspicious/noExplicitAny: Kysely cannot type a table and columns chosen at run time.
    const query = (db as Executor).updateTable(table as any) as any;
    await query
      .set(set)
      .where(
        "id",
        "in",
        part.map((row) => row.id),
      )
      .execute();
  }
}

/**
 * Ids for new rows: UUIDv7, random enough that imports on different machines never collide, and
 * time-ordered so that primary-key and foreign-key indexes grow at their end instead of being
 * split at random places (measured in docs/benchmarks.md, issue 6).
 */
export function newId(): string {
  // RFC 9562 UUIDv7 from a native random UUID: the first 48 bits are the Unix time in ms and the
  // version nibble 7; the next 12 bits are a counter within the millisecond (RFC 9562 §6.2,
  // method 1), so ids made by one process sort in the order they were made — assets list in
  // creation order even when an import makes many in one millisecond. The variant bits and the
  // other 62 random bits stay. The time prefix is formatted once per millisecond; several times
  // faster than the uuid package's v7, which matters at hundreds of thousands of rows per import.
  const now = Date.now();
  if (now > prefixMs) {
    setPrefix(now);
    // A random start leaves room for 2,048+ ids in the millisecond and keeps ids unguessable.
    sequence = Math.floor(Math.random() * 0x800);
  } else if (++sequence > 0xfff) {
    // 4,096 ids in one millisecond (or the clock went back): borrow the next millisecond.
    setPrefix(prefixMs + 1);
    sequence = 0;
  }
  return prefix + sequence.toString(16).padStart(3, "0") + crypto.randomUUID().slice(18);
}

function setPrefix(ms: number): void {
  const time = ms.toString(16).padStart(12, "0");
  prefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
  prefixMs = ms;
}

let prefixMs = -1;
let prefix = "";
let sequence = 0;

/**
 * Insert many rows or, where a row with the same `keys` exists, overwrite its other columns:
 * multi-row `INSERT … ON CONFLICT (keys) DO UPDATE SET col = excluded.col` (both dialects),
 * sized to the parameter limits, never one statement per row. Call it inside a transaction.
 */
export async function upsertRows<T extends keyof Database & string>(
  db: Executor,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  keys: readonly string[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object);
  const overwritten = columns.filter((column) => !keys.includes(column));
  const size = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / (columns.length || 1))));
  for (const part of chunk(rows, size)) {
    await db
      .insertInto(table)
      // biome-ignore lint/suspicious/noExplicitAny: Kysely cannot type a table chosen at run time.
      .values(part as any)
      .onConflict((conflict) =>
        // biome-ignore lint/suspicious/noExplicitAny: Kysely cannot type columns chosen at run time.
        (conflict.columns(keys as any) as any).doUpdateSet(
          Object.fromEntries(overwritten.map((column) => [column, sql.ref(`excluded.${column}`)])),
        ),
      )
      .execute();
  }
}

/** Rows per statement of bulkInsertRows: a statement's text is built once per table and size. */
const BULK_ROWS = 200;
const bulkStatements = new Map<string, string>();

/**
 * Insert many rows of the same columns as insertRows does, for the bulk paths of feed imports
 * (hundreds of thousands of rows), without Kysely building and compiling a query tree of every
 * value, which costs more than the database's own work at that size (docs/benchmarks.md, issue
 * 8): a multi-row INSERT whose text is written once per table, columns and row count (and on
 * SQLite prepared once, database.ts). PostgreSQL's `unnest` of one array per column was slower
 * here: pg writes each array as one escaped literal.
 */
export async function bulkInsertRows<T extends keyof Database & string>(
  db: Executor,
  table: T,
  columns: readonly (keyof Database[T] & string)[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const quoted = columns.map((column) => `"${column}"`).join(", ");
  const perStatement = Math.max(1, Math.min(BULK_ROWS, Math.floor(MAX_PARAMETERS / columns.length)));
  for (let start = 0; start < rows.length; start += perStatement) {
    const part = rows.slice(start, start + perStatement);
    const key = `${sqlite ? "sqlite" : "postgres"}:${table}:${columns.join(",")}:${part.length}`;
    let text = bulkStatements.get(key);
    if (text === undefined) {
      let parameter = 0;
      const tuple = () => `(${columns.map(() => (sqlite ? "?" : `$${++parameter}`)).join(", ")})`;
      text = `insert into "${table}" (${quoted}) values ${part.map(tuple).join(", ")}`;
      bulkStatements.set(key, text);
    }
    const parameters: unknown[] = [];
    for (const row of part) for (const value of row) parameters.push(value);
    await db.executeQuery(CompiledQuery.raw(text, parameters));
  }
}
