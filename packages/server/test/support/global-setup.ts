import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/store/database.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of a PostgreSQL maintenance database, or "" when PostgreSQL tests are off. */
    pgAdminUrl: string;
    /** A migrated template database each PostgreSQL test clones. */
    pgTemplate: string;
    pgSkipReason: string;
  }
}

/** Every database this run creates starts with this, so teardown can find them all. */
const RUN_PREFIX = `fleetpatch_test_${Date.now().toString(36)}_${process.pid}`;

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * PostgreSQL store tests run when FLEETPATCH_TEST_DATABASE_URL is set, and always in CI, where an
 * unreachable server fails the run instead of skipping it. The run gets its own template database
 * (migrated once); each test clones it, so tests never share state.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const ci = process.env.CI === "true" || process.env.CI === "1";
  const configured = process.env.FLEETPATCH_TEST_DATABASE_URL;
  const adminUrl = configured ?? (ci ? "postgres://postgres@127.0.0.1:5432/postgres" : "");
  if (!adminUrl) {
    project.provide("pgAdminUrl", "");
    project.provide("pgTemplate", "");
    project.provide("pgSkipReason", "PostgreSQL store tests skipped: set FLEETPATCH_TEST_DATABASE_URL to run them");
    process.stderr.write("note: PostgreSQL store tests are skipped; set FLEETPATCH_TEST_DATABASE_URL to run them\n");
    return async () => {};
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is required for this test run (CI=${String(ci)}) but ${adminUrl} cannot be reached: ${(error as Error).message}`,
    );
  }
  const template = `${RUN_PREFIX}_template`;
  await admin.query(`CREATE DATABASE "${template}"`);
  const migrated = await openDatabase(withDatabase(adminUrl, template));
  await migrated.close();
  project.provide("pgAdminUrl", adminUrl);
  project.provide("pgTemplate", template);
  project.provide("pgSkipReason", "");
  return async () => {
    const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
      `${RUN_PREFIX}%`,
    ]);
    for (const row of rows) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    await admin.end();
  };
}
