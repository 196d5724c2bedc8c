import { AuthService, UsersStore } from "../auth/index.js";
import type { Config } from "../config/config.js";
import { FindingsService, FindingsStore } from "../findings/index.js";
import {
  EnrichmentService,
  EnrichmentStore,
  IntelService,
  IntelStore,
  IntelSyncStore,
  NvdSyncService,
  RecordFeedService,
  SourceRecordStore,
  VulnerabilityService,
  VulnerabilityStore,
} from "../intel/index.js";
import { InventoryService, InventoryStore } from "../inventory/index.js";
import {
  type Clock,
  createLogger,
  type FileSource,
  type HttpClient,
  type Logger,
  localFiles,
  systemClock,
  undiciHttpClient,
} from "../platform/index.js";
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
  readonly vulnerabilities: VulnerabilityService;
  readonly nvdSync: NvdSyncService;
  readonly findings: FindingsService;
  readonly auth: AuthService;
  close(): Promise<void>;
}

/** Ports a test (or another deployment) may replace. */
export interface ContextOverrides {
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly files?: FileSource;
  /** Outbound HTTP (tests point sources at a local server through the configuration instead). */
  readonly http?: HttpClient;
}

/**
 * Who the context is for, which sets how its database connection behaves (docs/adr/0018):
 * - `cli`: waits up to 5 s for another writer's SQLite lock, no statement time limit;
 * - `server`: the API's own connection waits briefly for a lock (better-sqlite3 waits on the
 *   event loop) and PostgreSQL statements have a time limit, so no request can hold the API;
 * - `worker`: a job's connection off the request thread, which may wait and run long.
 */
export type ContextRole = "cli" | "server" | "worker";

/** How to open the context. */
export interface ContextOptions {
  readonly role?: ContextRole;
  /** Read-only commands never create, migrate or write the database. */
  readonly readOnly?: boolean;
}

/** How long the API's own connection waits for SQLite's write lock before answering 503. */
export const SERVER_BUSY_TIMEOUT_MS = 200;

/** The API's PostgreSQL statement time limit. */
export const SERVER_STATEMENT_TIMEOUT_MS = 30_000;

/** Open the database and build the services over it: the one composition root. */
export async function createContext(
  config: Config,
  overrides: ContextOverrides = {},
  options: ContextOptions = {},
): Promise<AppContext> {
  const clock = overrides.clock ?? systemClock;
  const logger = overrides.logger ?? createLogger(config.log);
  const files = overrides.files ?? localFiles;
  const http = overrides.http ?? undiciHttpClient();
  const role = options.role ?? "cli";
  const database = await openDatabase(config.database, {
    readOnly: options.readOnly === true,
    ...(role === "server"
      ? { busyTimeoutMs: SERVER_BUSY_TIMEOUT_MS, statementTimeoutMs: SERVER_STATEMENT_TIMEOUT_MS }
      : {}),
    onConnectionError: (error) =>
      logger.warn(
        { code: (error as { code?: unknown }).code, reason: error.message },
        "database connection lost; the next query opens a new one",
      ),
  });
  const { db } = database;
  const work = unitOfWork(db, database.bulkLoad);
  const findingsStore = new FindingsStore(db);
  const feeds = new RecordFeedService({ unitOfWork: work, records: new SourceRecordStore(db), files, clock });
  const auth = new AuthService(new UsersStore(db), clock, logger);
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
    intel: new IntelService({
      unitOfWork: work,
      intel: new IntelStore(db),
      files,
      clock,
      enrichment: new EnrichmentService({ unitOfWork: work, enrichment: new EnrichmentStore(db), files, clock }),
      feeds,
    }),
    nvdSync: new NvdSyncService({
      sync: new IntelSyncStore(db),
      feeds,
      http,
      clock,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      random: Math.random,
      settings: config.intel.nvd,
    }),
    vulnerabilities: new VulnerabilityService({
      vulnerabilities: new VulnerabilityStore(db),
      enrichment: new EnrichmentStore(db),
    }),
    findings: new FindingsService({ unitOfWork: work, findings: findingsStore, clock }),
    auth,
    async close() {
      // The last token uses are written on the way out, but a busy database never holds the exit.
      await Promise.race([
        auth.flushTokenUse().catch(() => {}),
        new Promise((resolve) => setTimeout(resolve, 500).unref()),
      ]);
      await database.close();
    },
  };
}
