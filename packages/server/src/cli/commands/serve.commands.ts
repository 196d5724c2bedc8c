import type { Command } from "commander";
import { runDemo } from "../../demo/demo.js";
import { startServer } from "../../http/server.js";
import type { CliIo } from "../cli-io.js";
import { withContext } from "../command-context.js";

interface ListenOptions {
  port?: string;
  host?: string;
}

/** The address options of every command that serves HTTP; defaults come from the config. */
function withListenOptions(command: Command): Command {
  return command
    .option("--port <port>", "TCP port (default 8080; 0 picks a free one)")
    .option("--host <host>", "address to listen on (default 127.0.0.1)");
}

/** `serve` and `demo`. */
export function registerServeCommands(program: Command, io: CliIo): void {
  withListenOptions(program.command("serve").description("serve the HTTP API until stopped")).action(
    async (options: ListenOptions, command: Command) => {
      await withContext(command, io, { port: options.port, host: options.host }, async (context) => {
        const server = await startServer(context);
        io.stdout.write(`fleetpatch API listening on ${server.url} (database: ${context.database.location})\n`);
        await io.untilStopped();
        await server.stop();
      });
    },
  );

  withListenOptions(
    program
      .command("demo")
      .description("build a demo database from the bundled fixtures, print an admin token and serve the API"),
  ).action(async (options: ListenOptions, command: Command) => {
    await runDemo(command, io, { port: options.port, host: options.host });
  });
}
