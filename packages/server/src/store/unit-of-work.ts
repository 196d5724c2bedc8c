import type { Kysely, Transaction } from "kysely";
import type { BulkLoad } from "./database.js";
import type { Database } from "./schema.js";

/** What a store runs its SQL on: the database, or a transaction of it. Only stores see it. */
export type Executor = Kysely<Database> | Transaction<Database>;

const executorOf = new WeakMap<UnitOfWorkScope, Transaction<Database>>();

/**
 * An open transaction as services see it: opaque. A service hands it to `store.in(scope)` to get
 * the store bound to the transaction, so "import + history + audit + outbox event" land together
 * or not at all, without the service ever holding a database handle.
 */
export interface UnitOfWorkScope {
  /** Work to run after the transaction commits (outbox dispatch, notifications). */
  afterCommit(action: () => void | Promise<void>): void;
}

/** How a unit of work is run. */
export interface TransactionOptions {
  /**
   * A bulk load (a feed import writing hundreds of megabytes): the database may write it in a
   * faster mode that others cannot read during (SQLite without WAL when it has the file to itself).
   */
  readonly bulk?: boolean;
}

/** Runs service calls as single transactions. */
export interface UnitOfWork {
  /** Run `work` in one transaction: it commits when `work` resolves and rolls back when it throws. */
  transaction<T>(work: (scope: UnitOfWorkScope) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

/** The unit of work over a database; `bulkLoad` is the database's faster mode for bulk loads, if any. */
export function unitOfWork(db: Kysely<Database>, bulkLoad?: BulkLoad): UnitOfWork {
  return {
    async transaction<T>(work: (scope: UnitOfWorkScope) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
      const bulk = options.bulk === true && bulkLoad !== undefined && bulkLoad.enter();
      try {
        return await run(work);
      } finally {
        if (bulk) bulkLoad?.leave();
      }
    },
  };

  async function run<T>(work: (scope: UnitOfWorkScope) => Promise<T>): Promise<T> {
    const after: Array<() => void | Promise<void>> = [];
    const result = await db.transaction().execute(async (trx) => {
      const scope: UnitOfWorkScope = { afterCommit: (action) => void after.push(action) };
      executorOf.set(scope, trx);
      try {
        return await work(scope);
      } finally {
        // A store bound to an ended scope must fail loudly, not run on a finished transaction.
        executorOf.delete(scope);
      }
    });
    for (const action of after) await action();
    return result;
  }
}

/**
 * Base of every feature store: SQL runs on `db`, which is the database or, after `in(scope)`, the
 * unit of work's transaction.
 */
export abstract class Store {
  constructor(protected readonly db: Executor) {}

  /** This store bound to the transaction of a unit of work. */
  in(scope: UnitOfWorkScope): this {
    const trx = executorOf.get(scope);
    if (!trx) throw new Error("the unit of work has already ended");
    const Constructor = this.constructor as new (db: Executor) => this;
    return new Constructor(trx);
  }
}
