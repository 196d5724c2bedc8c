import { rm } from "node:fs/promises";
import type { Command } from "commander";
import type { CliIo } from "../cli/cli-io.js";
import { type ContextOpener, type GlobalOptions, withListenOptions } from "../cli/command-context.js";
import type { RunningServer } from "../http/server.js";
import { DEMO_DATABASE, type DemoServices, seedDemo } from "./demo.js";

/** What the demo command needs of the context: the services it seeds through, and where the database is. */
export interface DemoContext extends DemoServices {
  readonly database: { readonly location: string; readonly dialect: string };
}

/**
 * `fleetpatch demo`: rebuild the demo database (its own SQLite file unless --db names another),
 * import the fixtures, match, print the API address, an admin token and a findings summary, then
 * serve until stopped.
 */
export function registerDemoCommand<C extends DemoContext>(
  program: Command,
  io: CliIo,
  open: ContextOpener<C>,
  startServer: (context: C) => Promise<RunningServer>,
): void {
  withListenOptions(
    program
      .command("demo")
      .description("build a demo database from the bundled fixtures, print an admin token and serve the API"),
  ).action(async (options: { port?: string; host?: string }, command: Command) => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    if (!globals.db) {
      for (const suffix of ["", "-wal", "-shm"]) await rm(`${DEMO_DATABASE}${suffix}`, { force: true });
    }
    await open(
      command,
      { db: DEMO_DATABASE, logLevel: "warn", port: options.port, host: options.host },
      async (context) => {
        const { token } = await seedDemo(context);
        const findings = await context.findings.listAll();
        const server = await startServer(context);
        const byAsset = new Map<string, number>();
        for (const finding of findings) byAsset.set(finding.asset, (byAsset.get(finding.asset) ?? 0) + 1);
        const lines = [
          "fleetpatch demo",
          `  database:    ${context.database.dialect === "postgres" ? context.database.location : (globals.db ?? DEMO_DATABASE)}`,
          `  API:         ${server.url}/api/v1`,
          `  OpenAPI:     ${server.url}/api/openapi.json`,
          `  admin token: ${token}`,
          `  findings:    ${findings.length}`,
          ...[...byAsset].map(([asset, count]) => `    ${asset}: ${count}`),
          "  try:",
          `    curl -H 'Authorization: Bearer ${token}' ${server.url}/api/v1/findings`,
          "  press Ctrl-C to stop",
        ];
        io.stdout.write(`${lines.join("\n")}\n`);
        await io.untilStopped();
        await server.stop();
      },
    );
  });
}
