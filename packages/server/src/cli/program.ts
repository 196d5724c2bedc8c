import { isAppError } from "@fleetpatch/core";
import { Command, CommanderError } from "commander";
import { FLEETPATCH_VERSION } from "../version.js";
import type { CliIo } from "./cli-io.js";
import { registerAuthCommands } from "./commands/auth.commands.js";
import { registerFindingsCommands } from "./commands/findings.commands.js";
import { registerIntelCommands } from "./commands/intel.commands.js";
import { registerInventoryCommands } from "./commands/inventory.commands.js";
import { registerServeCommands } from "./commands/serve.commands.js";

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
  registerInventoryCommands(program, io);
  registerIntelCommands(program, io);
  registerFindingsCommands(program, io);
  registerAuthCommands(program, io);
  registerServeCommands(program, io);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/**
 * Run the CLI and return its exit code: 0 on success, 1 for an error the user can act on (one
 * line, no stack trace), 2 for a usage error, 70 for a bug (with the stack, which is then useful).
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
    io.stderr.write(`internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 70;
  }
}
