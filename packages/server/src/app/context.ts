import { AuthService, UsersStore } from "../auth/index.js";
import type { Config } from "../config/config.js";
import { FindingsService, FindingsStore } from "../findings/index.js";
import { IntelService, IntelStore } from "../intel/index.js";
import { InventoryService, InventoryStore } from "../inventory/index.js";
import { type Clock, createLogger, type FileSource, type Logger, localFiles, systemClock } from "../platform/index.js";
import { type DatabaseHandle, openDatabase } from "../store/database.js";
import { unitOfWork } from "../store/unit-of-work.js";

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

/** Ports a test (or another deployment) may replace. */
export interface ContextOverrides {
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly files?: FileSource;
}

/** Open the database and build the services over it: the one composition root. */
export async function createContext(config: Config, overrides: ContextOverrides = {}): Promise<AppContext> {
  const clock = overrides.clock ?? systemClock;
  const logger = overrides.logger ?? createLogger(config.log);
  const files = overrides.files ?? localFiles;
  const database = await openDatabase(config.database);
  const { db } = database;
  const work = unitOfWork(db);
  const findingsStore = new FindingsStore(db);
  return {
    config,
    logger,
    clock,
    database,
    inventory: new InventoryService({
      unitOfWork: work,
      inventory: new InventoryStore(db),
      findings: findingsStore,
      files,
      clock,
    }),
    intel: new IntelService({ unitOfWork: work, intel: new IntelStore(db), files, clock }),
    findings: new FindingsService({ unitOfWork: work, findings: findingsStore, clock }),
    auth: new AuthService(new UsersStore(db), clock),
    close: () => database.close(),
  };
}
