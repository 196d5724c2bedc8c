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
import { createReadStream, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createGunzip, gzipSync } from "node:zlib";
import { JsonRecordStream } from "@fleetpatch/core";
import { pino } from "pino";
import { createContext } from "../packages/server/src/app/context.js";
import { loadConfig } from "../packages/server/src/config/config.js";
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
const work = mkdtempSync(join(tmpdir(), "fleetpatch-bench-nvd-"));

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

async function freshContext(dir: string) {
  const config = loadConfig({}, { db: postgres || join(dir, "bench.db"), logLevel: "silent" });
  const context = await createContext(config, { logger: pino({ level: "silent" }) });
  if (postgres) {
    for (const table of ["cpe_products", "source_record_history", "source_files", "source_records"] as const) {
      await context.database.db.deleteFrom(table).execute();
    }
  }
  return context;
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
try {
  for (let run = 0; run < runs; run++) {
    const dir = mkdtempSync(join(work, "run-"));
    const context = await freshContext(dir);
    try {
      const [first, firstSeconds] = await timed(() => context.intel.importDetected(yearly));
      records = first.feeds[0]?.records ?? 0;
      const [, againSeconds] = await timed(() => context.intel.importDetected(yearly));
      const [same, sameSeconds] = await timed(() => context.intel.importDetected(derived.reserialised));
      if (same.feeds[0]?.unchanged !== records) throw new Error("the re-serialised feeds were not all unchanged");
      seconds.first.push(firstSeconds);
      seconds.again.push(againSeconds);
      seconds.reserialised.push(sameSeconds);
    } finally {
      await context.close();
    }
    const replayContext = await freshContext(join(dir, "replay"));
    try {
      const [, replaySeconds] = await timed(() => replayContext.intel.importDetected(derived.replayed));
      seconds.replay.push(replaySeconds);
    } finally {
      await replayContext.close();
      rmSync(dir, { recursive: true, force: true });
    }
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
process.stdout.write(
  `${dialect}: peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (reader threads included)\n`,
);
