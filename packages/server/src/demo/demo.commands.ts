import { rm } from "node:fs/promises";
import type { Command } from "commander";
import type { CliIo } from "../cli/cli-io.js";
import { type ContextOpener, type GlobalOptions, withListenOptions } from "../cli/command-context.js";
import { DEFAULT_DATABASE } from "../config/config.js";
import type { RunningServer } from "../http/server.js";
import { redactUrl } from "../store/database.js";
import { cliInvocation, shellWord } from "./database-notes.js";
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
      { db: DEMO_DATABASE, logLevel: "warn", port: options.port, host: options.host, serving: true },
      async (context) => {
        const { token } = await seedDemo(context);
        const findings = await context.findings.listAll();
        const server = await startServer(context);
        const byAsset = new Map<string, number>();
        for (const finding of findings) byAsset.set(finding.asset, (byAsset.get(finding.asset) ?? 0) + 1);
        const cli = cliInvocation(io.env);
        const database = demoDatabaseArgument(context.database, globals.db);
        const lines = [
          "fleetpatch demo",
          `  database:    ${database.shown}`,
          `  API:         ${server.url}/api/v1`,
          `  OpenAPI:     ${server.url}/api/openapi.json`,
          `  admin token: ${token}`,
          `  findings:    ${findings.length}`,
          ...[...byAsset].map(([asset, count]) => `    ${asset}: ${count}`),
          `  next, in another terminal in this folder (without --db, commands use ${otherCommandsDatabase(io.env)}):`,
          `    ${cli} --db ${database.argument} findings`,
          `    ${cli} --db ${database.argument} findings --status all --format json`,
          `    ${cli} --db ${database.argument} assets`,
          `    ${cli} --db ${database.argument} tokens list`,
          `    export FLEETPATCH_DATABASE_URL=${database.argument}    # to make it every command's database`,
          `    curl -H 'Authorization: Bearer ${token}' ${server.url}/api/v1/findings`,
          ...(database.note ? [`    (${database.note})`] : []),
          "  press Ctrl-C to stop",
        ];
        io.stdout.write(`${lines.join("\n")}\n`);
        await io.untilStopped();
        await server.stop();
      },
    );
  });
}

/** The database a command without --db opens, as the next-steps line names it. */
function otherCommandsDatabase(env: CliIo["env"]): string {
  const configured = env.FLEETPATCH_DATABASE_URL;
  return configured ? `${redactUrl(configured)}, from FLEETPATCH_DATABASE_URL` : DEFAULT_DATABASE;
}

/**
 * The demo database as the summary shows it and as `--db` in the printed commands takes it: the
 * path as given (relative to this folder), or a PostgreSQL URL — whose password is never printed,
 * so then the user is told to put it back.
 */
function demoDatabaseArgument(
  handle: DemoContext["database"],
  databaseFlag: string | undefined,
): { shown: string; argument: string; note?: string } {
  if (handle.dialect !== "postgres") {
    const path = databaseFlag ?? DEMO_DATABASE;
    return { shown: path, argument: shellWord(path) };
  }
  if (databaseFlag === handle.location) return { shown: handle.location, argument: shellWord(handle.location) };
  return {
    shown: handle.location,
    argument: shellWord(handle.location),
    note: "the URL is shown without its password; use the one you gave --db",
  };
}
