/**
 * Throughput of the first slice on real intelligence: OSV import (all Go and RustSec records from
 * ../shared/testdata), SBOM import and matching of a synthetic fleet whose components are real
 * packages at real affected and fixed versions.
 *
 *   node --import tsx bench/slice.ts [--assets 200] [--components 500] [--vulnerable-share 0.1]
 *                                    [--runs 3] [--db postgres://…]
 *
 * Prints medians; compare ratios within one run, the machines are shared.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { createContext } from "../packages/server/src/app/context.js";
import { loadConfig } from "../packages/server/src/config/config.js";
import { cycloneDxBomText } from "../packages/server/test/factories.js";
import { median, option, timed } from "./measure.js";

const shared = fileURLToPath(new URL("../../shared/testdata/", import.meta.url));
const feeds = [join(shared, "osv-go-vulndb", "data", "osv"), join(shared, "osv-rustsec", "crates")];

const assets = Number(option("assets", "200"));
const perAsset = Number(option("components", "500"));
const runs = Number(option("runs", "3"));
/** Share of components drawn from packages that advisories name; real SBOMs are mostly clean. */
const vulnerableShare = Number(option("vulnerable-share", "0.1"));
const postgres = option("db", "");

/** Real (purl prefix, version) pairs: every version named by an event of a record. */
function realPackages(): Array<{ purl: string; name: string; version: string }> {
  const out: Array<{ purl: string; name: string; version: string }> = [];
  for (const dir of feeds) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      const record = JSON.parse(readFileSync(join(dir, file), "utf8"));
      for (const affected of record.affected ?? []) {
        const { ecosystem, name } = affected.package ?? {};
        const type = ecosystem === "Go" ? "golang" : ecosystem === "crates.io" ? "cargo" : undefined;
        if (!type) continue;
        for (const range of affected.ranges ?? []) {
          for (const event of range.events ?? []) {
            const version = event.fixed ?? event.introduced;
            if (!version || version === "0") continue;
            out.push({ purl: `pkg:${type}/${name}@${type === "golang" ? `v${version}` : version}`, name, version });
          }
        }
      }
    }
  }
  return out;
}

const packages = realPackages();
const documents = Array.from({ length: assets }, (_, asset) => ({
  location: `asset-${asset}`,
  text: cycloneDxBomText(
    `device-${asset}`,
    Array.from({ length: perAsset }, (_, index) => {
      if ((index * 0.6180339887) % 1 >= vulnerableShare) {
        const name = `filler-lib-${(asset * 31 + index) % 5000}`;
        return { name, version: "1.0.0", purl: `pkg:npm/${name}@1.0.0` };
      }
      const pick = packages[(asset * 7919 + index * 104729) % packages.length] as (typeof packages)[number];
      return { name: pick.name, version: pick.version, purl: pick.purl };
    }),
  ),
}));

process.stdout.write(
  `machine: ${cpus()[0]?.model ?? "unknown"} × ${cpus().length}, node ${process.version}; ` +
    `fleet: ${assets} assets × ${perAsset} components = ${assets * perAsset} components, ` +
    `${Math.round(vulnerableShare * 100)} % from advisory-named packages; runs: ${runs}\n`,
);
const results: Record<string, number[]> = { intel: [], sbom: [], match: [], findings: [] };
for (let run = 0; run < runs; run++) {
  const dir = mkdtempSync(join(tmpdir(), "fleetpatch-bench-"));
  const config = loadConfig({}, { db: postgres || join(dir, "bench.db"), logLevel: "silent" });
  const context = await createContext(config, { logger: pino({ level: "silent" }) });
  try {
    if (postgres) {
      for (const table of [
        "findings",
        "components",
        "assets",
        "affected_packages",
        "vulnerability_aliases",
        "vulnerabilities",
      ] as const) {
        await context.database.db.deleteFrom(table).execute();
      }
    }
    const [intel, intelSeconds] = await timed(() => context.intel.importPaths("osv", feeds));
    const [, sbomSeconds] = await timed(() => context.inventory.importSbomDocuments(documents));
    const [match, matchSeconds] = await timed(() => context.findings.match());
    results.intel?.push(intel.records / intelSeconds);
    results.sbom?.push((assets * perAsset) / sbomSeconds);
    results.match?.push((assets * perAsset) / matchSeconds);
    results.findings?.push(match.total);
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
const dialect = postgres ? "postgres" : "sqlite";
process.stdout.write(
  `${dialect}: OSV import      ${Math.round(median(results.intel ?? [])).toLocaleString("en")} records/s\n`,
);
process.stdout.write(
  `${dialect}: SBOM import     ${Math.round(median(results.sbom ?? [])).toLocaleString("en")} components/s\n`,
);
process.stdout.write(
  `${dialect}: match           ${Math.round(median(results.match ?? [])).toLocaleString("en")} components/s (${median(results.findings ?? [])} findings)\n`,
);
