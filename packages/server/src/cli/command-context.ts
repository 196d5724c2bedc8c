import { InputError } from "@fleetpatch/core";
import type { Command } from "commander";
import type { ConfigFlags } from "../config/config.js";
import type { CliIo } from "./cli-io.js";

/** Global options every command inherits. */
export interface GlobalOptions {
  db?: string;
  logLevel?: string;
}

/** How a command wants its context opened: config flags, plus what the command does with the database. */
export interface OpenOptions extends ConfigFlags {
  /** The command only reads: it never creates, migrates or writes the database. */
  readonly readOnly?: boolean;
  /** The command serves the HTTP API (its connection must never stall the event loop). */
  readonly serving?: boolean;
}

/**
 * How a command gets the services it needs: the composition root (app/cli-program.ts) opens the
 * configuration and the context, runs `action`, and closes them. A feature's commands ask only for
 * the services they use (`ContextOpener<{ inventory: InventoryService }>`), never the whole context.
 * A `db` or `logLevel` in `flags` is the command's default, which `--db` and `--log-level` override.
 */
export type ContextOpener<C> = <T>(
  command: Command,
  flags: OpenOptions,
  action: (context: C) => Promise<T>,
) => Promise<T>;

/** Write `value` as pretty JSON followed by a newline. */
export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Parse `--format table|json|ndjson` of listing commands that stream their output. */
export function listFormat(value: string): "table" | "json" | "ndjson" {
  if (value === "table" || value === "json" || value === "ndjson") return value;
  throw new InputError(`--format must be table, json or ndjson, not "${value}"`);
}

/** Parse `--format table|json`, the two output formats of listing commands. */
export function tableOrJson(value: string): "table" | "json" {
  if (value === "table" || value === "json") return value;
  throw new InputError(`--format must be table or json, not "${value}"`);
}

/** The address options of every command that serves HTTP; defaults come from the config. */
export function withListenOptions(command: Command): Command {
  return command
    .option("--port <port>", "TCP port (default 8080; 0 picks a free one)")
    .option("--host <host>", "address to listen on (default 127.0.0.1)");
}
