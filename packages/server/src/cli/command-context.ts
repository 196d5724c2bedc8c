import { InputError } from "@fleetpatch/core";
import type { Command } from "commander";
import { type AppContext, createContext } from "../app-context.js";
import { type ConfigFlags, loadConfig } from "../config/config.js";
import type { CliIo } from "./cli-io.js";

/** Global options every command inherits. */
export interface GlobalOptions {
  db?: string;
  logLevel?: string;
}

/**
 * Build the config from the global flags plus the command's own flags, then run `action` with a
 * context. A `db` or `logLevel` in `flags` is the command's default, which `--db` and
 * `--log-level` override.
 */
export async function withContext<T>(
  command: Command,
  io: CliIo,
  flags: ConfigFlags,
  action: (context: AppContext) => Promise<T>,
): Promise<T> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const config = loadConfig(
    io.env,
    { ...flags, db: globals.db ?? flags.db, logLevel: globals.logLevel ?? flags.logLevel },
    io.stderr.isTTY === true,
  );
  const context = await createContext(config);
  try {
    return await action(context);
  } finally {
    await context.close();
  }
}

/** Write `value` as pretty JSON followed by a newline. */
export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Parse `--format table|json`, the two output formats of listing commands. */
export function tableOrJson(value: string): "table" | "json" {
  if (value === "table" || value === "json") return value;
  throw new InputError(`--format must be table or json, not "${value}"`);
}
