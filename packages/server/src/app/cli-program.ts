import { escapeTerminalText, InputError, isAppError } from "@fleetpatch/core";
import { Command, CommanderError } from "commander";
import { registerAuthCommands } from "../auth/index.js";
import { type CliIo, OutputClosedError, terminalSafeIo } from "../cli/cli-io.js";
import type { ContextOpener, GlobalOptions } from "../cli/command-context.js";
import { loadConfig } from "../config/config.js";
import { defaultDatabaseNotes, registerDemoCommand } from "../demo/index.js";
import { registerFindingsCommands } from "../findings/index.js";
import { registerIntelCommands, registerVulnerabilityCommands } from "../intel/index.js";
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

/** What a run learns while commander parses: the command being parsed, and whether a context was opened. */
interface RunState {
  command: Command | undefined;
  contextOpened: boolean;
}

/** Build the `fleetpatch` command tree writing to `io`. */
export function buildProgram(io: CliIo): Command {
  return buildCommandTree(io, { command: undefined, contextOpened: false });
}

function buildCommandTree(io: CliIo, state: RunState): Command {
  const program = new Command("fleetpatch")
    .description("patch and vulnerability management for mixed fleets")
    .version(FLEETPATCH_VERSION, "-V, --version")
    .option(
      "--db <path|url>",
      "SQLite file or postgres:// URL (default: FLEETPATCH_DATABASE_URL or ./fleetpatch-data/fleetpatch.db)",
    )
    .option("--log-level <level>", "fatal, error, warn, info, debug, trace or silent")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Commander quotes what the user typed (`unknown option '…'`), control characters included.
      outputError: (text, write) => write(escapeTerminalText(text, { keepNewlines: true })),
    });
  const openContext = contextOpener(io);
  // Everything that fails before a command opens its context was decided by the command line
  // alone: runCli reports it as a usage error (exit 2), see docs/adr/0020.
  const open: ContextOpener<AppContext> = (...args) => {
    state.contextOpened = true;
    // Say which database a command opens when it is the default one and does not exist yet, so
    // that `fleetpatch findings` after the demo does not silently read another, empty database.
    const [command, flags] = args;
    const named = command.optsWithGlobals<GlobalOptions>().db ?? flags.db;
    for (const note of defaultDatabaseNotes(io.env, named, { readOnly: flags.readOnly === true })) {
      io.stderr.write(`${note}\n`);
    }
    return openContext(...args);
  };
  registerInventoryCommands(program, io, open);
  registerIntelCommands(program, io, open);
  registerVulnerabilityCommands(program, io, open);
  registerFindingsCommands(program, io, open);
  registerAuthCommands(program, io, open);
  registerServeCommand(program, io, open, startServer);
  registerDemoCommand(program, io, open, startServer);
  for (const command of allCommands(program)) {
    command
      .exitOverride()
      .showHelpAfterError(usageHint(command))
      .hook("preSubcommand", (_parent, subcommand) => {
        state.command = subcommand;
      });
  }
  return program;
}

/** Every command of the tree, depth first. */
function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

/** The line after a usage error: where to read the usage of the command that was misused. */
function usageHint(command: Command): string {
  const path: string[] = [];
  for (let current: Command | null = command; current; current = current.parent) path.unshift(current.name());
  return `(run "${path.join(" ")} --help" for usage)`;
}

/**
 * Run the CLI and return its exit code: 0 on success (also when the reader of stdout went away
 * early, `fleetpatch findings | head -1`), 1 for an error the user can act on (one line, no stack
 * trace), 2 for a usage error (commander's own refusals, and any InputError raised before the
 * command opened its context, i.e. decided by the command line alone), 70 for a bug (with the
 * stack and its causes, which are then useful). Everything printed passes terminalSafeIo, so no
 * message or output can carry a terminal escape sequence.
 */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<number> {
  const io = terminalSafeIo(rawIo);
  const state: RunState = { command: undefined, contextOpened: false };
  const program = buildCommandTree(io, state);
  const report = (text: string) => {
    try {
      io.stderr.write(`${escapeTerminalText(text, { keepNewlines: true })}\n`);
    } catch (error) {
      if (!(error instanceof OutputClosedError)) throw error;
    }
  };
  try {
    await program.parseAsync(argv as string[], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof OutputClosedError) return 0;
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isAppError(error)) {
      report(`error: ${error.message}`);
      if (error instanceof InputError && !state.contextOpened) {
        report(usageHint(state.command ?? program));
        return 2;
      }
      return 1;
    }
    report(`internal error: ${describeBug(error)}`);
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
