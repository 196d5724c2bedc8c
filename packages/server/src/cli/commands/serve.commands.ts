import type { Command } from "commander";
import { runDemo } from "../../demo/demo.js";
import { startServer } from "../../http/server.js";
import type { CliIo } from "../cli-io.js";
import { withContext } from "../command-context.js";

interface ListenOptions {
  port?: string;
  host?: string;
}

/** `serve` and `demo`. */
export function registerServeCommands(program: Command, io: CliIo): void {
  program
    .command("serve")
    .description("serve the HTTP API until stopped")
    .option("--port <port>", "TCP port (0 picks a free one)", undefined)
    .option("--host <host>", "address to listen on", undefined)
    .action(async (options: ListenOptions, command: Command) => {
      await withContext(command, io, { port: options.port, host: options.host }, async (context) => {
        const server = await startServer(context);
        io.stdout.write(`fleetpatch API listening on ${server.url} (database: ${context.database.location})\n`);
        await io.untilStopped();
        await server.stop();
      });
    });

  program
    .command("demo")
    .description("build a demo database from the bundled fixtures, print an admin token and serve the API")
    .option("--port <port>", "TCP port (0 picks a free one)", undefined)
    .option("--host <host>", "address to listen on", undefined)
    .action(async (options: ListenOptions, command: Command) => {
      await runDemo(command, io, { port: options.port, host: options.host });
    });
}
