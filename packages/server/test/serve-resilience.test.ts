import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import { cycloneDxBomText, osvRecord } from "./factories.js";
import { openTestContext } from "./support/context.js";
import { DIALECTS, type TestDatabase } from "./support/dialects.js";
import { eventually, runFleetpatch, type ServeProcess, startServe } from "./support/processes.js";

/**
 * Issue 7, items 1–3, against a real `fleetpatch serve` process and the real databases: the
 * service keeps serving through a PostgreSQL outage, another process holding SQLite's write lock,
 * and long jobs.
 */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "fleetpatch-serve-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** An admin token in `db`, made before the server starts. */
async function adminToken(db: string): Promise<string> {
  // Today's clock: the server checks the token's expiry against the real time.
  const context = await openTestContext(db, new Date().toISOString());
  try {
    await context.auth.createUser({ name: "admin", role: "admin", password: "correct horse battery" });
    return (await context.auth.createToken({ userName: "admin", expiresInDays: 1 })).token;
  } finally {
    await context.close();
  }
}

async function serve(db: string): Promise<ServeProcess> {
  const server = await startServe(db);
  cleanups.push(async () => void (await server.stop()));
  return server;
}

/**
 * A fleet whose match takes a while: `components` npm packages on one asset, every `every`-th of
 * them named by an advisory affecting all its versions.
 */
async function seedFleet(db: string, components: number, every: number): Promise<void> {
  const folder = scratch();
  const osv = join(folder, "osv");
  mkdirSync(osv);
  const bom = Array.from({ length: components }, (_, index) => ({
    name: `pkg-${index}`,
    version: "1.0.0",
    purl: `pkg:npm/pkg-${index}@1.0.0`,
  }));
  writeFileSync(join(folder, "fleet.json"), cycloneDxBomText("fleet-gw", bom));
  for (let index = 0; index < components; index += every) {
    const record = osvRecord({
      id: `GHSA-test-${index}`,
      ecosystem: "npm",
      name: `pkg-${index}`,
      events: [{ introduced: "0" }],
    });
    writeFileSync(join(osv, `GHSA-test-${index}.json`), JSON.stringify(record));
  }
  const context = await openTestContext(db);
  try {
    await context.inventory.importSbomFiles([join(folder, "fleet.json")]);
    await context.intel.importPaths("osv", [osv]);
  } finally {
    await context.close();
  }
}

/**
 * POST `body` to `path` and, 300 ms later, probe /healthz (which must answer 200): the order in
 * which the two answered tells whether the event loop stayed free while the import ran.
 */
async function postWhileProbing(
  server: ServeProcess,
  token: string,
  path: string,
  body: string,
): Promise<{ response: Response; order: string[] }> {
  const order: string[] = [];
  const imported = fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body,
  }).then((response) => {
    order.push("import");
    return response;
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const health = await fetch(`${server.url}/healthz`);
  order.push("healthz");
  expect(health.status).toBe(200);
  return { response: await imported, order };
}

const postgres = DIALECTS.find((dialect) => dialect.name === "postgres");

describe.skipIf(inject("pgSkipReason") !== "")("fleetpatch serve through a PostgreSQL outage [postgres]", () => {
  it("survives its connections being terminated, answers /readyz 503 while the database refuses connections, and recovers by itself", async () => {
    const database = (await postgres?.createDatabase()) as TestDatabase;
    cleanups.push(() => database.drop());
    const name = new URL(database.url).pathname.slice(1);
    const token = await adminToken(database.url);
    const server = await serve(database.url);
    const auth = { authorization: `Bearer ${token}` };
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/findings`, { headers: auth })).status).toBe(200);

    const admin = new pg.Client({ connectionString: inject("pgAdminUrl") });
    await admin.connect();
    cleanups.push(async () => {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`).catch(() => {});
      await admin.end();
    });
    const terminate = () =>
      admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [name]);

    // What a restart or failover does to every open connection.
    await terminate();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(server.alive()).toBe(true);
    expect(await eventually(async () => (await fetch(`${server.url}/readyz`)).status === 200)).toBe(true);
    expect((await fetch(`${server.url}/api/v1/findings`, { headers: auth })).status).toBe(200);

    // The database goes away for a while: ready says so, the API answers 503 (never 500), and both
    // come back when it does.
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    await terminate();
    const away = await fetch(`${server.url}/readyz`);
    expect(away.status).toBe(503);
    expect(((await away.json()) as { error: { code: string } }).error.code).toBe("unavailable");
    const listing = await fetch(`${server.url}/api/v1/findings`, { headers: auth });
    expect(listing.status).toBe(503);
    expect(listing.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(server.alive()).toBe(true);
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    expect(await eventually(async () => (await fetch(`${server.url}/readyz`)).status === 200)).toBe(true);
    expect((await fetch(`${server.url}/api/v1/findings`, { headers: auth })).status).toBe(200);
    expect(server.alive()).toBe(true);
    expect(await server.stop()).toBe(0);
  });
});

describe("SQLite writers that meet [sqlite]", () => {
  it("two CLI imports at once both land: the second waits for the first's lock instead of failing", async () => {
    const folder = scratch();
    const db = join(folder, "fleet.db");
    expect((await runFleetpatch(["--db", db, "match"])).code).toBe(0);
    const files = [0, 1, 2].map((device) => {
      const path = join(folder, `gw-${device}.json`);
      const components = Array.from({ length: 20_000 }, (_, index) => ({
        name: `lib-${index}`,
        version: `1.${device}.0`,
        purl: `pkg:npm/lib-${index}@1.${device}.0`,
      }));
      writeFileSync(path, cycloneDxBomText(`gw-${device}`, components));
      return path;
    });
    const runs = await Promise.all(files.map((file) => runFleetpatch(["--db", db, "import", file])));
    for (const run of runs) {
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
    }
    const listed = await runFleetpatch(["--db", db, "assets", "--format", "json"]);
    expect(
      (JSON.parse(listed.stdout) as Array<{ name: string; componentCount: number }>).map((a) => [
        a.name,
        a.componentCount,
      ]),
    ).toEqual([
      ["gw-0", 20_000],
      ["gw-1", 20_000],
      ["gw-2", 20_000],
    ]);
  });

  it("a CLI write that cannot get the lock within the busy timeout fails with one line and exit 1", async () => {
    const folder = scratch();
    const db = join(folder, "fleet.db");
    writeFileSync(join(folder, "gw.json"), cycloneDxBomText("gw", [{ name: "a", version: "1", purl: "pkg:npm/a@1" }]));
    expect((await runFleetpatch(["--db", db, "match"])).code).toBe(0);
    // Another process (this test) writes and holds the write lock.
    const writer = new SqliteDatabase(db);
    writer.exec("BEGIN IMMEDIATE");
    cleanups.push(() => {
      writer.exec("ROLLBACK");
      writer.close();
    });
    const started = Date.now();
    const result = await runFleetpatch(["--db", db, "import", join(folder, "gw.json")]);
    expect(result.stderr).toBe("error: database is busy: another fleetpatch process is writing; retry\n");
    expect(result.code).toBe(1);
    // It waited for the lock (the 5 s busy timeout) before giving up, rather than failing at once.
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_500);
  });
});

describe("fleetpatch serve while another process writes [sqlite]", () => {
  it("keeps reading and authenticating, and answers API writes 503 with Retry-After, not 500", async () => {
    const folder = scratch();
    const db = join(folder, "fleet.db");
    const token = await adminToken(db);
    const server = await serve(db);
    const auth = { authorization: `Bearer ${token}` };
    // Another process (this test, as a CLI import would) holds the write lock.
    const writer = new SqliteDatabase(db);
    writer.pragma("journal_mode = WAL");
    writer.exec("BEGIN IMMEDIATE");
    cleanups.push(() => {
      if (writer.inTransaction) writer.exec("ROLLBACK");
      writer.close();
    });
    // A fresh token's first use would write last_used_at: authentication must not need the lock.
    const listing = await fetch(`${server.url}/api/v1/findings`, { headers: auth });
    expect(listing.status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/assets`, { headers: auth })).status).toBe(200);
    const small = cycloneDxBomText("gw", [{ name: "a", version: "1", purl: "pkg:npm/a@1" }]);
    const write = await fetch(`${server.url}/api/v1/sboms`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: small,
    });
    expect(write.status).toBe(503);
    expect(write.headers.get("retry-after")).toBe("5");
    expect(((await write.json()) as { error: { message: string } }).error.message).toBe(
      "database is busy: another fleetpatch process is writing; retry",
    );
    const match = await fetch(`${server.url}/api/v1/match`, { method: "POST", headers: auth });
    expect(match.status).toBe(503);
    expect(match.headers.get("retry-after")).toBe("5");
    // The lock goes: writes land again.
    writer.exec("ROLLBACK");
    const retried = await fetch(`${server.url}/api/v1/sboms`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: small,
    });
    expect(retried.status).toBe(200);
    expect(server.alive()).toBe(true);
  });
});

for (const dialect of DIALECTS) {
  describe.skipIf(dialect.skipReason !== "")(`fleetpatch serve while long jobs run [${dialect.name}]`, () => {
    it("answers /healthz and the first findings page while a match runs", async () => {
      const database = await dialect.createDatabase();
      cleanups.push(() => database.drop());
      await seedFleet(database.url, 30_000, 3);
      const token = await adminToken(database.url);
      const server = await serve(database.url);
      const auth = { authorization: `Bearer ${token}` };
      const order: string[] = [];
      const match = fetch(`${server.url}/api/v1/match`, { method: "POST", headers: auth }).then(async (response) => {
        order.push("match");
        return response;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const health = await fetch(`${server.url}/healthz`);
      order.push("healthz");
      const page = await fetch(`${server.url}/api/v1/findings?limit=10`, { headers: auth });
      order.push("findings");
      expect(health.status).toBe(200);
      expect(page.status).toBe(200);
      const matched = await match;
      expect(matched.status).toBe(200);
      expect(((await matched.json()) as { opened: number }).opened).toBe(10_000);
      // The event loop stayed free: both answered while the match was still running.
      expect(order).toEqual(["healthz", "findings", "match"]);
    });

    it("answers /healthz while a large OSV body posted to /api/v1/intel/osv is imported", async () => {
      const database = await dialect.createDatabase();
      cleanups.push(() => database.drop());
      const token = await adminToken(database.url);
      const server = await serve(database.url);
      const records = Array.from({ length: 20_000 }, (_, index) =>
        osvRecord({ id: `GHSA-big-${index}`, ecosystem: "npm", name: `pkg-${index}`, events: [{ introduced: "0" }] }),
      );
      const body = JSON.stringify(records);
      expect(body.length).toBeGreaterThan(4 * 1024 * 1024);
      const { response, order } = await postWhileProbing(server, token, "/api/v1/intel/osv", body);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { inserted: number }).inserted).toBe(20_000);
      expect(order).toEqual(["healthz", "import"]);
    });

    it("answers /healthz while a large SBOM posted to /api/v1/sboms is imported", async () => {
      const database = await dialect.createDatabase();
      cleanups.push(() => database.drop());
      const token = await adminToken(database.url);
      const server = await serve(database.url);
      const components = Array.from({ length: 60_000 }, (_, index) => ({
        name: `lib-${index}`,
        version: "2.0.0",
        purl: `pkg:npm/lib-${index}@2.0.0`,
      }));
      const body = cycloneDxBomText("big-gw", components);
      expect(body.length).toBeGreaterThan(4 * 1024 * 1024);
      const { response, order } = await postWhileProbing(server, token, "/api/v1/sboms", body);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { assets: unknown[] }).assets[0]).toMatchObject({
        name: "big-gw",
        components: 60_000,
      });
      expect(order).toEqual(["healthz", "import"]);
    });
  });
}
