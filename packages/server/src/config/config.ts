import { join } from "node:path";
import { InputError } from "@fleetpatch/core";
import { z } from "zod";

/** The typed, frozen configuration every part of the server reads. */
export interface Config {
  /** A SQLite file path (or `:memory:`) or a `postgres://` URL. */
  readonly database: string;
  readonly log: { readonly level: LogLevel; readonly format: "json" | "pretty" };
  readonly http: { readonly host: string; readonly port: number };
  /** Online intelligence sources. */
  readonly intel: {
    /** NVD API 2.0: its CVE endpoint (a mirror or a test server may stand in) and the optional API key. */
    readonly nvd: { readonly url: string; readonly apiKey: string | null };
  };
}

/** NVD's CVE API 2.0 endpoint. */
export const NVD_API_URL = "https://services.nvd.nist.gov/rest/json/cves/2.0";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where the embedded SQLite database lives unless told otherwise. */
export const DEFAULT_DATABASE = join("fleetpatch-data", "fleetpatch.db");

/** A configuration that cannot be used; the message lists every problem, one per line. */
export class ConfigError extends InputError {}

/** Values given on the command line; each wins over its environment variable. */
export interface ConfigFlags {
  readonly db?: string | undefined;
  readonly host?: string | undefined;
  readonly port?: string | number | undefined;
  readonly logLevel?: string | undefined;
}

/** `scheme://…`: a URL rather than a file path (a Windows drive letter has no `//`). */
const URL_PATTERN = /^([a-z][a-z0-9+.-]*):\/\//i;

/** PostgreSQL is the one server database; anything else with a scheme is a mistake, not a file name. */
function databaseProblem(target: string): string | undefined {
  const scheme = URL_PATTERN.exec(target)?.[1];
  if (scheme === undefined || /^postgres(ql)?$/i.test(scheme)) return undefined;
  return `unsupported database URL scheme "${scheme}:"; give a SQLite file path or a postgres:// URL`;
}

const schema = z.object({
  database: z
    .string()
    .min(1, "must not be empty")
    .superRefine((target, context) => {
      const problem = databaseProblem(target);
      if (problem) context.addIssue({ code: "custom", message: problem });
    }),
  log: z.object({
    level: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }),
    format: z.enum(["json", "pretty"], { error: "must be json or pretty" }),
  }),
  intel: z.object({
    nvd: z.object({
      url: z.string().refine((value) => /^https?:\/\/[^\s]+$/i.test(value), "must be an http:// or https:// URL"),
      apiKey: z
        .string()
        .regex(/^[A-Za-z0-9-]{8,100}$/, "must be the API key NVD sent (letters, digits and dashes)")
        .nullable(),
    }),
  }),
  http: z.object({
    host: z.string().min(1, "must not be empty"),
    port: z.coerce
      .number({ error: "must be a whole number from 0 to 65535" })
      .int("must be a whole number from 0 to 65535")
      .min(0, "must be a whole number from 0 to 65535")
      .max(65535, "must be a whole number from 0 to 65535"),
  }),
});

/** Which setting a schema path came from, for the error list. */
const SETTING_NAMES: Readonly<Record<string, string>> = {
  database: "--db / FLEETPATCH_DATABASE_URL",
  "log.level": "--log-level / FLEETPATCH_LOG_LEVEL",
  "log.format": "FLEETPATCH_LOG_FORMAT",
  "http.host": "--host / FLEETPATCH_HOST",
  "http.port": "--port / FLEETPATCH_PORT",
  "intel.nvd.url": "FLEETPATCH_NVD_URL",
  "intel.nvd.apiKey": "FLEETPATCH_NVD_API_KEY",
};

/**
 * Build the configuration once at start from flags, then environment, then defaults. Any bad value
 * stops the process with the full list of what is wrong rather than the first problem only.
 */
export function loadConfig(
  environment: Readonly<Record<string, string | undefined>>,
  flags: ConfigFlags = {},
  stderrIsTty = false,
): Config {
  // An empty variable (`FLEETPATCH_DATABASE_URL=`) is how a shell unsets it for one command.
  const env = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ""));
  const candidate = {
    database: flags.db ?? env.FLEETPATCH_DATABASE_URL ?? DEFAULT_DATABASE,
    log: {
      level: flags.logLevel ?? env.FLEETPATCH_LOG_LEVEL ?? "info",
      format: env.FLEETPATCH_LOG_FORMAT ?? (stderrIsTty ? "pretty" : "json"),
    },
    http: {
      host: flags.host ?? env.FLEETPATCH_HOST ?? "127.0.0.1",
      port: flags.port ?? env.FLEETPATCH_PORT ?? 8080,
    },
    intel: { nvd: { url: env.FLEETPATCH_NVD_URL ?? NVD_API_URL, apiKey: env.FLEETPATCH_NVD_API_KEY ?? null } },
  };
  const result = schema.safeParse(candidate);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const path = issue.path.join(".");
      return `  - ${SETTING_NAMES[path] ?? path}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration:\n${problems.join("\n")}`);
  }
  const config = result.data;
  return Object.freeze({
    database: config.database,
    log: Object.freeze({ ...config.log }),
    http: Object.freeze({ ...config.http }),
    intel: Object.freeze({ nvd: Object.freeze({ ...config.intel.nvd }) }),
  });
}
