import { AuthService } from "./auth/auth.service.js";
import { UsersStore } from "./auth/users.store.js";
import { type Clock, systemClock } from "./clock.js";
import type { Config } from "./config/config.js";
import { FindingsService } from "./findings/findings.service.js";
import { FindingsStore } from "./findings/findings.store.js";
import { IntelService } from "./intel/intel.service.js";
import { IntelStore } from "./intel/intel.store.js";
import { InventoryService } from "./inventory/inventory.service.js";
import { InventoryStore } from "./inventory/inventory.store.js";
import { createLogger, type Logger } from "./logging/logger.js";
import { type DatabaseHandle, openDatabase } from "./store/database.js";

/** Everything a command or the HTTP server needs, wired once. */
export interface AppContext {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly database: DatabaseHandle;
  readonly inventory: InventoryService;
  readonly intel: IntelService;
  readonly findings: FindingsService;
  readonly auth: AuthService;
  close(): Promise<void>;
}

/** Open the database and build the services over it: the one composition root. */
export async function createContext(
  config: Config,
  overrides: { clock?: Clock; logger?: Logger } = {},
): Promise<AppContext> {
  const clock = overrides.clock ?? systemClock;
  const logger = overrides.logger ?? createLogger(config);
  const database = await openDatabase(config.database);
  const { db } = database;
  return {
    config,
    logger,
    clock,
    database,
    inventory: new InventoryService(new InventoryStore(db), clock),
    intel: new IntelService(new IntelStore(db), clock),
    findings: new FindingsService(new FindingsStore(db), clock),
    auth: new AuthService(new UsersStore(db), clock),
    close: () => database.close(),
  };
}
