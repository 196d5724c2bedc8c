import { rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import type { AppContext } from "../app-context.js";
import type { CliIo } from "../cli/cli-io.js";
import { type GlobalOptions, withContext } from "../cli/command-context.js";
import { startServer } from "../http/server.js";
import { isPostgresUrl } from "../store/database.js";

/** Fixtures shipped with the server package: real SBOM components and real OSV records. */
export const DEMO_FIXTURES = fileURLToPath(new URL("../../fixtures/demo/", import.meta.url));

/** The demo's own SQLite file, rebuilt on every run. */
export const DEMO_DATABASE = join("fleetpatch-data", "demo.db");

const DEMO_ADMIN = "demo-admin";

/** Import the demo fixtures, match, and return an admin token; usable without the server. */
export async function seedDemo(context: AppContext): Promise<{ token: string }> {
  await context.inventory.importSbomFiles([
    join(DEMO_FIXTURES, "sboms", "edge-gateway-2.3.1.cdx.json"),
    join(DEMO_FIXTURES, "sboms", "edge-gateway-2.4.0.cdx.json"),
  ]);
  await context.intel.importOsvPaths([join(DEMO_FIXTURES, "osv")]);
  await context.findings.match();
  const users = await context.auth.listUsers();
  if (!users.some((user) => user.name === DEMO_ADMIN)) {
    await context.auth.createUser({ name: DEMO_ADMIN, role: "admin" });
  }
  const { token } = await context.auth.createToken({ userName: DEMO_ADMIN, expiresInDays: 1, label: "demo" });
  return { token };
}

/**
 * `fleetpatch demo`: rebuild the demo database (its own SQLite file unless --db names another),
 * import the fixtures, match, print the API address, an admin token and a findings summary, then
 * serve until stopped.
 */
export async function runDemo(
  command: Command,
  io: CliIo,
  listen: { port?: string | undefined; host?: string | undefined },
) {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const database = globals.db ?? DEMO_DATABASE;
  if (!globals.db) {
    for (const suffix of ["", "-wal", "-shm"]) await rm(`${database}${suffix}`, { force: true });
  }
  await withContext(
    command,
    io,
    { db: DEMO_DATABASE, logLevel: "warn", port: listen.port, host: listen.host },
    async (context) => {
      const { token } = await seedDemo(context);
      const findings = await context.findings.listAll();
      const server = await startServer(context);
      const byAsset = new Map<string, number>();
      for (const finding of findings) byAsset.set(finding.asset, (byAsset.get(finding.asset) ?? 0) + 1);
      const lines = [
        "fleetpatch demo",
        `  database:    ${isPostgresUrl(database) ? context.database.location : database}`,
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
}
