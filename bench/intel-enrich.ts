/**
 * KEV and EPSS import on real data: all 28 EMBA EPSS per-year files (360,142 rows) and the whole
 * KEV JSON catalog (1,404 entries) from ../shared/testdata, into a fresh database each run, then
 * the same files again (nothing changes). Target (issue 8): EPSS in < 3 s, peak RSS < 1 GB.
 *
 *   node --import tsx bench/intel-enrich.ts [--runs 3] [--db postgres://…]
 *
 * Prints medians and the process's peak RSS; compare ratios within one run, the machines are shared.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { createContext } from "../packages/server/src/app/context.js";
import { loadConfig } from "../packages/server/src/config/config.js";
import { median, option, timed } from "./measure.js";

const shared = fileURLToPath(new URL("../../shared/testdata/", import.meta.url));
const epssDir = join(shared, "epss", "EMBA-EPSS-data", "EPSS_CVE_data");
const kevJson = join(shared, "kev", "known_exploited_vulnerabilities.json");

const runs = Number(option("runs", "3"));
const postgres = option("db", "");

process.stdout.write(
  `machine: ${cpus()[0]?.model ?? "unknown"} × ${cpus().length}, node ${process.version}; runs: ${runs}\n`,
);
const seconds: Record<"epss" | "epssAgain" | "kev", number[]> = { epss: [], epssAgain: [], kev: [] };
let rows = 0;
for (let run = 0; run < runs; run++) {
  const dir = mkdtempSync(join(tmpdir(), "fleetpatch-bench-"));
  const config = loadConfig({}, { db: postgres || join(dir, "bench.db"), logLevel: "silent" });
  const context = await createContext(config, { logger: pino({ level: "silent" }) });
  try {
    if (postgres) {
      for (const table of ["epss_history", "epss_scores", "kev_entries", "kev_catalogs"] as const) {
        await context.database.db.deleteFrom(table).execute();
      }
    }
    const options = { epssScoreDate: "2026-08-16" };
    const [epss, epssSeconds] = await timed(() => context.intel.importDetected([epssDir], options));
    rows = epss.enrichments.reduce((sum, file) => sum + file.records, 0);
    const [, againSeconds] = await timed(() => context.intel.importDetected([epssDir], options));
    const [, kevSeconds] = await timed(() => context.intel.importDetected([kevJson]));
    seconds.epss.push(epssSeconds);
    seconds.epssAgain.push(againSeconds);
    seconds.kev.push(kevSeconds);
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
const dialect = postgres ? "postgres" : "sqlite";
const line = (what: string, values: number[], count: number, unit: string) =>
  process.stdout.write(
    `${dialect}: ${what.padEnd(22)} ${median(values).toFixed(2)} s, ${Math.round(count / median(values)).toLocaleString("en")} ${unit}/s\n`,
  );
line(`EPSS first import`, seconds.epss, rows, "rows");
line(`EPSS again (unchanged)`, seconds.epssAgain, rows, "rows");
line(`KEV JSON`, seconds.kev, 1404, "entries");
process.stdout.write(
  `${dialect}: peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (${rows} EPSS rows)\n`,
);
