import { isAppError } from "@fleetpatch/core";
import { Command, CommanderError } from "commander";
import { registerAuthCommands } from "../auth/index.js";
import type { CliIo } from "../cli/cli-io.js";
import type { ContextOpener, GlobalOptions } from "../cli/command-context.js";
import { loadConfig } from "../config/config.js";
import { registerDemoCommand } from "../demo/index.js";
import { registerFindingsCommands } from "../findings/index.js";
import { registerIntelCommands } from "../intel/index.js";
import { registerInventoryCommands } from "../inventory/index.js";
import { type AppContext, createContext } from "./context.js";
import { startServer } from "./http-app.js";
import { registerServeCommand } from "./serve.commands.js";
import { FLEETPATCH_VERSION } from "./version.js";

/** The context opener every command receives: config from flags and environment, then the context. */
function contextOpener(io: CliIo): ContextOpener<AppContext> {
  return async (command, { readOnly, serving, ...flags }, action) => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    const config = loadConfig(
      io.env,
      { ...flags, db: globals.db ?? flags.db, logLevel: globals.logLevel ?? flags.logLevel },
      io.stderr.isTTY === true,
    );
    const context = await createContext(config, {}, { role: serving ? "server" : "cli", readOnly: readOnly === true });
    try {
      return await action(context);
    } finally {
      await context.close();
    }
  };
}

/** Build the `fleetpatch` command tree writing to `io`. */
export function buildProgram(io: CliIo): Command {
  const program = new Command("fleetpatch")
    .description("patch and vulnerability management for mixed fleets")
    .version(FLEETPATCH_VERSION, "-V, --version")
    .option(
      "--db <path|url>",
      "SQLite file or postgres:// URL (default: FLEETPATCH_DATABASE_URL or ./fleetpatch-data/fleetpatch.db)",
    )
    .option("--log-level <level>", "fatal, error, warn, info, debug, trace or silent")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  const open = contextOpener(io);
  registerInventoryCommands(program, io, open);
  registerIntelCommands(program, io, open);
  registerFindingsCommands(program, io, open);
  registerAuthCommands(program, io, open);
  registerServeCommand(program, io, open, startServer);
  registerDemoCommand(program, io, open, startServer);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/**
 * Run the CLI and return its exit code: 0 on success, 1 for an error the user can act on (one
 * line, no stack trace), 2 for a usage error, 70 for a bug (with the stack and its causes, which
 * are then useful).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv as string[], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isAppError(error)) {
      io.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    io.stderr.write(`internal error: ${describeBug(error)}\n`);
    return 70;
  }
}

/** A bug's stack followed by the stacks of its causes. */
function describeBug(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current !== undefined && depth < 5; depth++) {
    parts.push(current instanceof Error ? (current.stack ?? current.message) : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join("\ncaused by: ");
}
