import type { Command } from "commander";
import type { CliIo } from "../cli/cli-io.js";
import { type ContextOpener, withListenOptions } from "../cli/command-context.js";
import type { RunningServer } from "../http/server.js";
import type { AppContext } from "./context.js";

/** `serve`: the HTTP API until stopped. */
export function registerServeCommand(
  program: Command,
  io: CliIo,
  open: ContextOpener<AppContext>,
  startServer: (context: AppContext) => Promise<RunningServer>,
): void {
  withListenOptions(program.command("serve").description("serve the HTTP API until stopped")).action(
    async (options: { port?: string; host?: string }, command: Command) => {
      await open(command, { port: options.port, host: options.host, serving: true }, async (context) => {
        const server = await startServer(context);
        io.stdout.write(`fleetpatch API listening on ${server.url} (database: ${context.database.location})\n`);
        await io.untilStopped();
        await server.stop();
      });
    },
  );
}
