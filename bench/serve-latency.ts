/**
 * How the API answers while long work runs (issue 7): the latency of `GET /healthz` and of the
 * first findings page (`GET /api/v1/findings?limit=100`) of a real `fleetpatch serve` process,
 * idle, while a full match of 1 M findings runs over the API, while the CLI lists all 1 M findings,
 * and while both run; then while a large SBOM is posted, with the server's memory before and after.
 *
 *   node --import tsx bench/serve-latency.ts [--assets 2000] [--components 500] [--sbom-mb 200]
 *                                            [--db postgres://…] [--keep DIR]
 *
 * Each sample is one request every 100 ms; prints medians, 95th percentiles and maxima. The
 * machines are shared: compare the scenarios of one run with each other.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { createContext } from "../packages/server/src/app/context.js";
import { loadConfig } from "../packages/server/src/config/config.js";
import { cycloneDxBomText, osvRecord } from "../packages/server/test/factories.js";
import { fleetpatchCommand, startServe } from "../packages/server/test/support/processes.js";

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}
const assets = Number(option("assets", "2000"));
const perAsset = Number(option("components", "500"));
const sbomMb = Number(option("sbom-mb", "200"));
const postgres = option("db", "");
const keep = option("keep", "");
/** How long one scenario may run before the bench stops waiting for it. */
const capSeconds = Number(option("cap", "600"));

const folder = keep || mkdtempSync(join(tmpdir(), "fleetpatch-latency-"));
mkdirSync(folder, { recursive: true });
const database = postgres || join(folder, "fleet.db");
const packages = 5_000;

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? Number.NaN;
}
const ms = (value: number) => (Number.isNaN(value) ? "-" : value < 10 ? value.toFixed(1) : value.toFixed(0));

async function seed(): Promise<string> {
  const config = loadConfig({}, { db: database, logLevel: "silent" });
  const context = await createContext(config, { logger: pino({ level: "silent" }) });
  try {
    const osv = join(folder, "osv");
    mkdirSync(osv, { recursive: true });
    for (let index = 0; index < packages; index++) {
      const record = osvRecord({
        id: `GHSA-b-${index}`,
        ecosystem: "npm",
        name: `comp-${index}`,
        events: [{ introduced: "0" }],
      });
      writeFileSync(join(osv, `GHSA-b-${index}.json`), JSON.stringify(record));
    }
    let started = Date.now();
    await context.intel.importPaths("osv", [osv]);
    console.log(`seed: ${packages} advisories in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    started = Date.now();
    for (let first = 0; first < assets; first += 50) {
      const documents = [];
      for (let asset = first; asset < Math.min(assets, first + 50); asset++) {
        const components = Array.from({ length: perAsset }, (_, index) => {
          const name = `comp-${(asset * 7 + index) % packages}`;
          return { name, version: `1.${asset % 10}.0`, purl: `pkg:npm/${name}@1.${asset % 10}.0` };
        });
        documents.push({ location: `device-${asset}`, text: cycloneDxBomText(`device-${asset}`, components) });
      }
      await context.inventory.importSbomDocuments(documents);
    }
    console.log(`seed: ${assets * perAsset} components in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    started = Date.now();
    const matched = await context.findings.match();
    console.log(`seed: match, ${matched.total} open findings in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await context.auth.createUser({ name: "bench", role: "admin", password: "bench-password-123" });
    return (await context.auth.createToken({ userName: "bench", expiresInDays: 1 })).token;
  } finally {
    await context.close();
  }
}

interface Samples {
  readonly healthz: number[];
  readonly page: number[];
}

/** Sample both requests every 100 ms until `until` settles (or the cap passes). */
async function sample(url: string, token: string, until: Promise<unknown> | undefined, count = 30): Promise<Samples> {
  const samples: Samples = { healthz: [], page: [] };
  let done = until === undefined;
  void until?.finally(() => {
    done = true;
  });
  const deadline = Date.now() + capSeconds * 1000;
  for (let taken = 0; until ? !done && Date.now() < deadline : taken < count; taken++) {
    let start = performance.now();
    await fetch(`${url}/healthz`).then((response) => response.arrayBuffer());
    samples.healthz.push(performance.now() - start);
    start = performance.now();
    const page = await fetch(`${url}/api/v1/findings?limit=100`, { headers: { authorization: `Bearer ${token}` } });
    await page.arrayBuffer();
    if (page.status === 200) samples.page.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return samples;
}

function report(name: string, samples: Samples, extra = ""): void {
  const line = (values: number[]) =>
    `${ms(percentile(values, 0.5))} / ${ms(percentile(values, 0.95))} / ${ms(Math.max(...values))} ms`;
  console.log(
    `| ${name} | ${line(samples.healthz)} | ${samples.page.length ? line(samples.page) : "no answer"} | ${samples.healthz.length} | ${extra} |`,
  );
}

function listing(): { done: Promise<number>; seconds: () => number } {
  const { command, args } = fleetpatchCommand([
    "--db",
    database,
    "findings",
    "--format",
    option("list-format", "ndjson"),
  ]);
  const started = Date.now();
  const child = spawn(command, args, {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, FLEETPATCH_LOG_LEVEL: "warn" },
  });
  let ended = 0;
  const done = new Promise<number>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), capSeconds * 1000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      ended = Date.now();
      resolve(code ?? -1);
    });
  });
  return { done, seconds: () => ((ended || Date.now()) - started) / 1000 };
}

function rssMb(pid: number | undefined): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb("VmRSS") / 1024), peak: Math.round(kb("VmHWM") / 1024) };
}

const token = keep && option("token", "") ? option("token", "") : await seed();
const server = await startServe(database);
const auth = { authorization: `Bearer ${token}` };
console.log(
  `\nserve-latency · ${cpus()[0]?.model ?? "cpu"}, ${cpus().length} cores · Node ${process.version} · ${postgres ? "PostgreSQL" : "SQLite"} · ${assets * perAsset} components\n`,
);
console.log("| while | /healthz p50 / p95 / max | first findings page p50 / p95 / max | samples | |");
console.log("|---|---|---|---|---|");
report("idle", await sample(server.url, token, undefined));

let started = Date.now();
const match = fetch(`${server.url}/api/v1/match`, { method: "POST", headers: auth }).then(async (response) => {
  await response.arrayBuffer();
  return response.status;
});
const duringMatch = await sample(server.url, token, match);
report("full match (API)", duringMatch, `match ${((Date.now() - started) / 1000).toFixed(1)} s, status ${await match}`);

const list = listing();
report(
  `${(assets * perAsset).toLocaleString("en")}-findings listing (CLI)`,
  await sample(server.url, token, list.done),
  `listing ${list.seconds().toFixed(1)} s`,
);

started = Date.now();
const both = [
  fetch(`${server.url}/api/v1/match`, { method: "POST", headers: auth }).then((response) => response.arrayBuffer()),
  listing().done,
];
report(
  "match + listing",
  await sample(server.url, token, Promise.all(both)),
  `both ${((Date.now() - started) / 1000).toFixed(1)} s`,
);

if (sbomMb > 0) {
  const components: Array<{ name: string; version: string; purl: string }> = [];
  const body = (() => {
    // ~88 bytes a component in the factory's JSON: grow the list to the asked size.
    const count = Math.round((sbomMb * 1024 * 1024) / 88);
    for (let index = 0; index < count; index++) {
      components.push({ name: `big-${index}`, version: "3.1.4", purl: `pkg:npm/big-${index}@3.1.4` });
    }
    return cycloneDxBomText("big-device", components);
  })();
  components.length = 0;
  const before = rssMb(server.child.pid);
  started = Date.now();
  const posted = fetch(`${server.url}/api/v1/sboms`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body,
  }).then(async (response) => {
    await response.arrayBuffer();
    return response.status;
  });
  const during = await sample(server.url, token, posted);
  const seconds = (Date.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const after = rssMb(server.child.pid);
  report(
    `${(body.length / 1024 / 1024).toFixed(0)} MB SBOM posted`,
    during,
    `import ${seconds.toFixed(1)} s, status ${await posted}; server RSS ${before.rss} MB before, peak ${after.peak} MB, ${after.rss} MB 2 s after`,
  );
}

await server.stop();
if (!keep && !postgres) rmSync(folder, { recursive: true, force: true });
