import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { beforeEach, expect, it } from "vitest";
import { TEST_FIXTURES } from "../../test/support/context.js";
import { describeOnEachDialect } from "../../test/support/dialects.js";
import { fixedClock, localFiles } from "../platform/index.js";
import { unitOfWork } from "../store/unit-of-work.js";
import { EnrichmentService, MAX_EPSS_BYTES } from "./enrichment.service.js";
import { EnrichmentStore } from "./enrichment.store.js";
import { epssSource } from "./sources/epss/index.js";

const kevJson = join(TEST_FIXTURES, "kev", "kev-2025.08.25-first20.json");
const kevCsv = join(TEST_FIXTURES, "kev", "kev-2025.08.25-first20.csv");
const epssPerYear = join(TEST_FIXTURES, "epss", "CVE_2014_EPSS-first300.csv");
const epssOfficial = join(TEST_FIXTURES, "epss", "official-example-1.csv");

describeOnEachDialect("KEV and EPSS import", (env) => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "fleetpatch-enrich-"));
  });
  const write = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const importFiles = (paths: string[], epssScoreDate: string | null = null) =>
    env().context.intel.importDetected(paths, { epssScoreDate });
  const allRows = async () => {
    const { db } = env().context.database;
    return {
      kev: await db.selectFrom("kev_entries").selectAll().orderBy("cve_id").execute(),
      catalogs: await db.selectFrom("kev_catalogs").selectAll().orderBy("catalog_version").execute(),
      epss: await db.selectFrom("epss_scores").selectAll().orderBy("cve_id").execute(),
      history: await db.selectFrom("epss_history").selectAll().orderBy("cve_id").orderBy("score_date").execute(),
    };
  };
  const kevCatalog = () => JSON.parse(readFileSync(kevJson, "utf8"));

  it("stores every field of the real KEV JSON catalog and its version, and the CSV agrees with it", async () => {
    const result = await importFiles([kevJson, kevCsv]);
    expect(result.osv).toBeNull();
    expect(result.enrichments).toMatchObject([
      { source: "kev", format: "json", catalogVersion: "2025.08.25", records: 20, inserted: 20, unchanged: 0 },
      { source: "kev", format: "csv", catalogVersion: null, records: 20, inserted: 0, updated: 0, unchanged: 20 },
    ]);
    const { kev, catalogs } = await allRows();
    expect(kev).toHaveLength(20);
    expect(kev.find((row) => row.cve_id === "CVE-2025-48384")).toMatchObject({
      vendor_project: "Git",
      product: "Git",
      vulnerability_name: "Git Link Following Vulnerability",
      date_added: "2025-08-25",
      due_date: "2025-09-15",
      known_ransomware_use: "Unknown",
      cwes: JSON.stringify(["CWE-59", "CWE-436"]),
      removed_in: null,
    });
    expect(kev.find((row) => row.cve_id === "CVE-2025-48384")?.required_action).toMatch(
      /^Apply mitigations per vendor/,
    );
    expect(catalogs).toMatchObject([
      { catalog_version: "2025.08.25", date_released: "2025-08-25T17:04:19.9796Z", entry_count: 20 },
    ]);
  });

  it("reads gzip-compressed KEV JSON and CSV by their content", async () => {
    const json = write("kev.json.gz", gzipSync(readFileSync(kevJson)));
    const csv = write("kev.csv.gz", gzipSync(readFileSync(kevCsv)));
    const result = await importFiles([json, csv]);
    expect(result.enrichments).toMatchObject([
      { format: "json", records: 20, inserted: 20 },
      { format: "csv", records: 20, unchanged: 20 },
    ]);
  });

  it("changes no row when the same KEV catalog and EPSS file are imported again", async () => {
    await importFiles([kevJson, kevCsv, epssPerYear, epssOfficial], "2026-08-16");
    const before = await allRows();
    const again = await importFiles([kevJson, kevCsv, epssPerYear, epssOfficial], "2026-08-16");
    expect(again.enrichments.map((file) => file.unchanged)).toEqual([20, 20, 300, 5]);
    expect(again.enrichments.every((file) => file.inserted === 0 && file.updated === 0)).toBe(true);
    expect(await allRows()).toEqual(before);
  });

  it("lets a newer complete catalog replace entries and mark the ones it no longer lists removed; an older one changes nothing", async () => {
    await importFiles([kevJson]);
    const newer = kevCatalog();
    newer.catalogVersion = "2025.08.26";
    newer.dateReleased = "2025-08-26T10:00:00.000Z";
    const dropped = newer.vulnerabilities.pop();
    newer.count = newer.vulnerabilities.length;
    newer.vulnerabilities[0].knownRansomwareCampaignUse = "Known";
    const result = await importFiles([write("newer.json", JSON.stringify(newer))]);
    expect(result.enrichments).toMatchObject([{ inserted: 0, updated: 1, unchanged: 18, removed: 1, older: false }]);
    const { kev } = await allRows();
    expect(kev.find((row) => row.cve_id === dropped.cveID)?.removed_in).toBe("2025.08.26");
    expect(kev.find((row) => row.cve_id === newer.vulnerabilities[0].cveID)?.known_ransomware_use).toBe("Known");
    const snapshot = await allRows();
    const older = await importFiles([kevJson]);
    expect(older.enrichments).toMatchObject([{ older: true, inserted: 0, updated: 0, removed: 0 }]);
    expect(await allRows()).toEqual(snapshot);
  });

  it("adds an EPSS history row only for the CVEs whose score changed", async () => {
    await importFiles([epssPerYear], "2026-08-16");
    const lines = readFileSync(epssPerYear, "utf8").trimEnd().split("\n");
    lines[0] = "CVE-2014-9998;0.500000000;0.990000000"; // the score changed
    lines[1] = "CVE-2014-9997;0.011690000;0.650000000"; // only the percentile moved
    const next = write("CVE_2014_EPSS.csv", `${lines.join("\n")}\n`);
    const result = await importFiles([next], "2026-08-17");
    expect(result.enrichments).toMatchObject([{ records: 300, inserted: 0, updated: 300, historyRows: 1 }]);
    const { epss, history } = await allRows();
    expect(history.filter((row) => row.cve_id === "CVE-2014-9998")).toMatchObject([
      { score_date: "2026-08-16", epss: 0.01169 },
      { score_date: "2026-08-17", epss: 0.5, percentile: 0.99 },
    ]);
    expect(history.filter((row) => row.cve_id === "CVE-2014-9997")).toHaveLength(1);
    expect(history).toHaveLength(301);
    expect(epss.find((row) => row.cve_id === "CVE-2014-9997")).toMatchObject({
      epss: 0.01169,
      percentile: 0.65,
      score_date: "2026-08-17",
    });
    const older = await importFiles([epssPerYear], "2026-08-10");
    expect(older.enrichments).toMatchObject([{ older: 300, inserted: 0, updated: 0 }]);
  });

  it("reads the official EPSS CSV, gzip-compressed too, with its model version and score date", async () => {
    const gz = write("epss_scores-2025-02-20.csv.gz", gzipSync(readFileSync(epssOfficial)));
    const result = await importFiles([gz]);
    expect(result.enrichments).toMatchObject([
      { source: "epss", scoreDate: "2025-02-20", modelVersion: "v2023.03.01", records: 5, inserted: 5, historyRows: 5 },
    ]);
    const { epss } = await allRows();
    expect(epss[4]).toMatchObject({ cve_id: "CVE-1999-0005", epss: 0.91963, percentile: 0.99214 });
  });

  it("stores per-year EPSS rows undated without --score-date, and no history for them", async () => {
    const result = await importFiles([epssPerYear]);
    expect(result.enrichments).toMatchObject([{ scoreDate: null, records: 300, inserted: 300, historyRows: 0 }]);
    const { epss, history } = await allRows();
    expect(epss.every((row) => row.score_date === null)).toBe(true);
    expect(history).toEqual([]);
  });

  it("refuses a KEV CSV with an unknown column in one line naming the file and the column, writing nothing", async () => {
    const text = readFileSync(kevCsv, "utf8").replace("cveID,vendorProject,", "cveID,vendorProject,exploitMaturity,");
    const path = write("kev.csv", text);
    await expect(importFiles([path])).rejects.toThrow(
      `${path}: unknown KEV CSV column "exploitMaturity"; known: cveID, vendorProject, product, vulnerabilityName, dateAdded, shortDescription, requiredAction, dueDate, knownRansomwareCampaignUse, notes, cwes`,
    );
    expect((await allRows()).kev).toEqual([]);
  });

  it("refuses an official EPSS file whose header line is missing, writing nothing", async () => {
    const text = readFileSync(epssOfficial, "utf8").replace("cve,epss,percentile\n", "");
    const path = write("epss.csv", text);
    await expect(importFiles([path])).rejects.toThrow(
      `${path}: line 2: the header line "cve,epss,percentile" is missing after the #model_version line`,
    );
    const headless = write("headless.csv", "CVE-1999-0001,0.00383,0.73075\n");
    await expect(importFiles([headless])).rejects.toThrow(
      `${headless}: line 1: the header line "cve,epss,percentile" is missing (the file starts with data)`,
    );
    expect((await allRows()).epss).toEqual([]);
  });

  it("refuses a gzip bomb posing as an EPSS .csv.gz at the size limit, writing nothing", async () => {
    // The real limit is 64 MiB (MAX_EPSS_BYTES); a service with a 1 MiB one shows the same refusal
    // without spending seconds on 64 million blank lines.
    const { database, clock } = { database: env().context.database, clock: fixedClock("2026-12-04T00:00:00Z") };
    const service = new EnrichmentService({
      unitOfWork: unitOfWork(database.db),
      enrichment: new EnrichmentStore(database.db),
      files: localFiles,
      clock,
      maxEpssBytes: 1024 * 1024,
    });
    const header = "#model_version:v2023.03.01,score_date:2025-02-20T00:00:00+0000\ncve,epss,percentile\n";
    const rows = Array.from({ length: 100 }, (_, index) => `CVE-2025-${10000 + index},0.1,0.5`).join("\n");
    const bomb = write(
      "epss.csv.gz",
      gzipSync(Buffer.concat([Buffer.from(`${header}${rows}\n`), Buffer.alloc(16 * 1024 * 1024, 0x0a)])),
    );
    expect(readFileSync(bomb).length).toBeLessThan(64 * 1024);
    await expect(service.importEpssFile(epssSource, bomb, null)).rejects.toThrow(
      `${bomb}: the data is more than 1 MiB, the limit for this import (after decompression); refused as a possible decompression bomb`,
    );
    expect(MAX_EPSS_BYTES).toBe(64 * 1024 * 1024);
    expect((await allRows()).epss).toEqual([]);
  });

  it("refuses a line longer than an EPSS row can be, before reading on", async () => {
    const long = Buffer.concat([Buffer.from("cve,epss,percentile\n"), Buffer.alloc(8 * 1024 * 1024, 0x41)]);
    const path = write("long.csv.gz", gzipSync(long));
    await expect(importFiles([path])).rejects.toThrow(`${path}: line 2 is longer than 1,024 characters`);
  });

  it("lands an EPSS file whole or not at all: a bad row after several written batches leaves nothing", async () => {
    const rows = Array.from({ length: 12_000 }, (_, index) => `CVE-2020-${10000 + index};0.1;0.5`);
    const path = write("CVE_2020_EPSS.csv", `${rows.join("\n")}\nCVE-2020-99999;1.5;0.5\n`);
    await expect(importFiles([path], "2026-08-16")).rejects.toThrow(
      `${path}: line 12001: epss "1.5" is not a number from 0 to 1`,
    );
    const { epss, history } = await allRows();
    expect(epss).toEqual([]);
    expect(history).toEqual([]);
  });

  it("refuses a control character in a KEV field, naming the entry and field", async () => {
    const catalog = kevCatalog();
    catalog.vulnerabilities[2].product = "Session\u001b[2JRecording";
    const path = write("kev.json", JSON.stringify(catalog));
    await expect(importFiles([path])).rejects.toThrow(
      `${path}: vulnerabilities[2].product: contains the control character U+001B`,
    );
  });
});
