/**
 * NVD import on real data: the 17 NVD 1.1 yearly feeds 2002–2018 (127,065 CVEs, 118,059 with
 * configurations; 36 MB gzip, 625 MB of JSON) from ../shared/testdata, into a fresh database each
 * run; then the same files again (applied before: skipped unread); then the same records in other
 * bytes (re-serialised: every record recognised by its digest, none parsed); then the records
 * replayed under new CVE ids up to 400,000 (today's NVD size) into a fresh database.
 * Targets (issue 8): ≥ 20,000 records/s on SQLite, ≥ 10,000/s on PostgreSQL, re-import of an
 * unchanged file ≥ 5× faster than the first, peak RSS < 1 GB.
 *
 *   node --import tsx bench/intel-import.ts [--runs 3] [--db postgres://…/database] [--replay 400000]
 *
 * With --db the database's NVD tables are emptied first: give it a database of its own. Prints
 * medians and the process's peak RSS (reader threads included); compare ratios within one run,
 * the machines are shared.
 */
import { spawnSync } from "node:child_process";
import { createReadStream, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createGunzip, gzipSync } from "node:zlib";
import { JsonRecordStream } from "@fleetpatch/core";
import { pino } from "pino";
import { createContext } from "../packages/server/src/app/context.js";
import { loadConfig } from "../packages/server/src/config/config.js";
import { isPostgresUrl } from "../packages/server/src/store/database.js";
import { median, option, timed } from "./measure.js";

const shared = fileURLToPath(new URL("../../shared/testdata/", import.meta.url));
const yearlyDir = join(shared, "nvd-1.1-yearly");
const yearly = readdirSync(yearlyDir)
  .filter((name) => /^nvdcve-1\.1-20(0\d|1[0-8])\.json\.gz$/.test(name))
  .sort()
  .map((name) => join(yearlyDir, name));

const runs = Number(option("runs", "3"));
const postgres = option("db", "");
const replayTo = Number(option("replay", "400000"));
const work = process.argv.includes("--child") ? "" : mkdtempSync(join(tmpdir(), "fleetpatch-bench-nvd-"));

/** The items of one feed file and its other members, read whole (one file at a time: setup, not measured). */
async function readFeed(path: string): Promise<{ header: Record<string, unknown>; items: unknown[] }> {
  const items: unknown[] = [];
  const stream = new JsonRecordStream({ recordKeys: ["CVE_Items"], location: path }, (record) =>
    items.push(JSON.parse(record.text)),
  );
  for await (const chunk of createReadStream(path).pipe(createGunzip())) stream.push(chunk as Buffer);
  return { header: stream.end().header, items };
}

/**
 * Each yearly feed's items re-serialised (other bytes, the same records), and copies under new
 * ids up to `replayTo`: copy k renames CVE-YYYY-NNNN to CVE-(YYYY + 1000·k)-NNNN, the same shape
 * and size. One file is held at a time, so the setup's memory stays below the import's.
 */
async function derivedFeeds(): Promise<{ reserialised: string[]; replayed: string[]; replayedRecords: number }> {
  const reserialised: string[] = [];
  const replayed: string[] = [];
  let total = 0;
  for (const path of yearly) {
    const { header, items } = await readFeed(path);
    total += items.length;
    const name = join(work, `reserialised-${reserialised.length}.json.gz`);
    writeFileSync(name, gzipSync(JSON.stringify({ ...header, CVE_Items: items }, null, 1)));
    reserialised.push(name);
  }
  for (let copy = 1; total < replayTo; copy++) {
    for (const path of yearly) {
      if (total >= replayTo) break;
      const { items } = await readFeed(path);
      const renamed = items
        .slice(0, replayTo - total)
        .map((item) =>
          JSON.parse(
            JSON.stringify(item).replace(
              /"CVE-(\d{4})-(\d+)"/,
              (_match, year: string, serial: string) => `"CVE-${Number(year) + 1000 * copy}-${serial}"`,
            ),
          ),
        );
      total += renamed.length;
      const name = join(work, `replayed-${replayed.length}.json.gz`);
      writeFileSync(name, gzipSync(JSON.stringify({ CVE_data_type: "CVE", CVE_Items: renamed })));
      replayed.push(name);
    }
  }
  return { reserialised, replayed: [...yearly, ...replayed], replayedRecords: total };
}

/** The measured part, in a child process so that its peak RSS is the import's own. */
interface ChildResult {
  readonly seconds: number[];
  readonly records: number[];
  readonly rssMiB: number;
}

if (process.argv.includes("--child")) {
  const phases = JSON.parse(option("phases", "[]")) as string[][];
  const db = option("child-db", "");
  const config = loadConfig({}, { db, logLevel: "silent" });
  const context = await createContext(config, { logger: pino({ level: "silent" }) });
  if (isPostgresUrl(db)) {
    for (const table of ["record_products", "source_record_history", "source_files", "source_records"] as const) {
      await context.database.db.deleteFrom(table).execute();
    }
  }
  const result: ChildResult = { seconds: [], records: [], rssMiB: 0 };
  for (const files of phases) {
    const [imported, seconds] = await timed(() => context.intel.importDetected(files));
    result.seconds.push(seconds);
    result.records.push(imported.feeds[0]?.records ?? 0);
  }
  await context.close();
  process.stdout.write(JSON.stringify({ ...result, rssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
  process.exit(0);
}

/** Import `phases` (lists of files, one after another) into a fresh database in a child process. */
function measure(phases: string[][], dir: string): ChildResult {
  const db = postgres || join(dir, "bench.db");
  const args = [
    "--import",
    "tsx",
    fileURLToPath(import.meta.url),
    "--child",
    "--child-db",
    db,
    "--phases",
    JSON.stringify(phases),
  ];
  const child = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`the measured import failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as ChildResult;
}

process.stdout.write(
  `machine: ${cpus()[0]?.model ?? "unknown"} × ${cpus().length}, node ${process.version}; runs: ${runs}; ${yearly.length} yearly feeds\n`,
);
const derived = await derivedFeeds();
const seconds: Record<"first" | "again" | "reserialised" | "replay", number[]> = {
  first: [],
  again: [],
  reserialised: [],
  replay: [],
};
let records = 0;
let peakMiB = 0;
try {
  for (let run = 0; run < runs; run++) {
    const dir = mkdtempSync(join(work, "run-"));
    const yearlyRun = measure([yearly, yearly, derived.reserialised], dir);
    if (yearlyRun.records[2] !== yearlyRun.records[0]) throw new Error("the re-serialised feeds hold other records");
    records = yearlyRun.records[0] ?? 0;
    seconds.first.push(yearlyRun.seconds[0] ?? 0);
    seconds.again.push(yearlyRun.seconds[1] ?? 0);
    seconds.reserialised.push(yearlyRun.seconds[2] ?? 0);
    rmSync(join(dir, "bench.db"), { force: true });
    const replayRun = measure([derived.replayed], dir);
    seconds.replay.push(replayRun.seconds[0] ?? 0);
    peakMiB = Math.max(peakMiB, yearlyRun.rssMiB, replayRun.rssMiB);
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const dialect = postgres ? "postgres" : "sqlite";
const line = (what: string, values: number[], count: number) =>
  process.stdout.write(
    `${dialect}: ${what.padEnd(34)} ${median(values).toFixed(2)} s, ${Math.round(count / median(values)).toLocaleString("en")} records/s\n`,
  );
line("NVD 1.1 2002–2018, first import", seconds.first, records);
line("the same files again (skipped)", seconds.again, records);
line("the same records, other bytes", seconds.reserialised, records);
line(`replayed to ${derived.replayedRecords.toLocaleString("en")} records`, seconds.replay, derived.replayedRecords);
process.stdout.write(
  `${dialect}: first import ÷ unchanged re-import: ${(median(seconds.first) / median(seconds.again)).toFixed(0)}× (files skipped), ${(median(seconds.first) / median(seconds.reserialised)).toFixed(1)}× (records skipped)\n`,
);
process.stdout.write(`${dialect}: peak RSS of the importing process ${peakMiB} MiB (reader threads included)\n`);
