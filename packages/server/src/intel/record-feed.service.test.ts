import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { InputError } from "@fleetpatch/core";
import { beforeEach, expect, it } from "vitest";
import { TEST_FIXTURES } from "../../test/support/context.js";
import { describeOnEachDialect } from "../../test/support/dialects.js";
import { fixedClock, localFiles } from "../platform/index.js";
import { unitOfWork } from "../store/unit-of-work.js";
import { RecordFeedService } from "./record-feed.service.js";
import { SourceRecordStore } from "./source-record.store.js";
import { nvdSource } from "./sources/nvd/index.js";

const nvd = (name: string) => join(TEST_FIXTURES, "nvd", name);
const feed11 = nvd("nvdcve-1.1-2014-excerpt.json.gz");
const page38 = nvd("api-page-38.json");
const pageOfOne = nvd("api-page-CVE-2021-28429.json");
const wrapped = nvd("CVE-2017-5638-cvssv4-rating.json");
const bare = nvd("CVE-2023-0001.json");

describeOnEachDialect("NVD record-feed import", (env) => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "fleetpatch-nvd-"));
  });
  const write = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const importFiles = (paths: string[]) => env().context.intel.importDetected(paths);
  /** A service over the same database that reads in worker threads whatever the size, and a clock to move. */
  const threaded = (now = "2026-12-01T00:00:00.000Z") => {
    const { db, bulkLoad } = env().context.database;
    const clock = fixedClock(now);
    const service = new RecordFeedService({
      unitOfWork: unitOfWork(db, bulkLoad),
      records: new SourceRecordStore(db),
      files: localFiles,
      clock,
      workerThresholdBytes: 0,
    });
    return { service, clock };
  };
  const rows = async () => {
    const { db } = env().context.database;
    return {
      records: await db.selectFrom("source_records").selectAll().orderBy("id").execute(),
      products: await db
        .selectFrom("record_products")
        .selectAll()
        .orderBy("record_id")
        .orderBy("vendor")
        .orderBy("product")
        .execute(),
      history: await db.selectFrom("source_record_history").selectAll().orderBy("id").execute(),
      files: await db.selectFrom("source_files").selectAll().orderBy("name").execute(),
    };
  };
  const page38Text = () => readFileSync(page38, "utf8");

  it("imports a 1.1 feed, API pages and single records, told apart by content, with the products they name", async () => {
    const result = await importFiles([feed11, page38, pageOfOne, wrapped, bare]);
    expect(result.osv).toBeNull();
    expect(result.feeds).toEqual([
      { source: "nvd", files: 5, filesUnchanged: 0, records: 45, inserted: 45, updated: 0, unchanged: 0, older: 0 },
    ]);
    const { records, products, files } = await rows();
    expect(records).toHaveLength(45);
    expect(files.map((file) => file.records)).toEqual(expect.arrayContaining([4, 38, 1, 1, 1]));
    const heartbleed = records.find((row) => row.id === "CVE-2014-0160");
    expect(heartbleed).toMatchObject({
      source: "nvd",
      modified: "2023-11-07T02:18:00.000Z",
      published: "2014-04-07T22:55:00.000Z",
      withdrawn: null,
      cvss_score: 7.5,
      cvss_version: "3.1",
      imported_at: "2026-11-01T12:00:00.000Z",
      first_imported_at: "2026-11-01T12:00:00.000Z",
    });
    // Kept as received, the whitespace between tokens dropped.
    const document = JSON.parse(heartbleed?.document ?? "{}");
    expect(document.cve.CVE_data_meta.ID).toBe("CVE-2014-0160");
    expect(heartbleed?.document).not.toMatch(/\n/);
    expect(
      products
        .filter((row) => row.record_id === "CVE-2014-0160")
        .map((row) => `${row.part}:${row.vendor}:${row.product}:${row.vulnerable}`),
    ).toEqual(
      expect.arrayContaining(["a:openssl:openssl:1", "h:siemens:cp_1543-1:0", "o:siemens:cp_1543-1_firmware:1"]),
    );
    const rejected = records.find((row) => row.id === "CVE-1999-1594");
    expect(rejected).toMatchObject({ status: "Rejected", withdrawn: rejected?.modified });
    expect(records.find((row) => row.id === "CVE-2017-5638")?.cvss_version).toBe("4.0");
    expect(records.find((row) => row.id === "CVE-2023-0001")?.status).toBe("Undergoing Analysis");
  });

  it("skips a file applied before unread, and records whose bytes are stored unparsed, changing nothing", async () => {
    await importFiles([page38, feed11]);
    const before = await rows();
    const again = await importFiles([page38, feed11]);
    expect(again.feeds[0]).toMatchObject({ files: 2, filesUnchanged: 2, records: 0, inserted: 0 });
    // The same page pretty-printed another way and compressed is other bytes but the same records.
    const reformatted = write("page.json.gz", gzipSync(JSON.stringify(JSON.parse(page38Text()), null, 7)));
    const same = await importFiles([reformatted]);
    expect(same.feeds[0]).toMatchObject({
      files: 1,
      filesUnchanged: 0,
      records: 38,
      inserted: 0,
      updated: 0,
      unchanged: 38,
    });
    const after = await rows();
    expect(after.records).toEqual(before.records);
    expect(after.products).toEqual(before.products);
    expect(after.history).toEqual([]);
  });

  it("replaces a record with a newer revision, keeping the older one's import time in history, and ignores an older one", async () => {
    const { service, clock } = threaded("2026-12-01T00:00:00.000Z");
    await service.importFiles(nvdSource, [page38]);
    const page = JSON.parse(page38Text());
    const first = page.vulnerabilities[0].cve;
    const originalModified = first.lastModified;
    first.lastModified = "2024-01-02T03:04:05.678";
    first.descriptions[0].value = "Revised description.";
    first.configurations = [];
    clock.advance(86_400_000);
    const newer = await service.importFiles(nvdSource, [write("newer.json", JSON.stringify(page))]);
    expect(newer).toMatchObject({ records: 38, inserted: 0, updated: 1, unchanged: 37, older: 0 });
    first.lastModified = "2020-01-01T00:00:00.000";
    first.descriptions[0].value = "An older text.";
    const older = await service.importFiles(nvdSource, [write("older.json", JSON.stringify(page))]);
    expect(older).toMatchObject({ updated: 0, older: 1, unchanged: 37 });
    const { records, history, products } = await rows();
    expect(records.find((row) => row.id === first.id)).toMatchObject({
      modified: "2024-01-02T03:04:05.678Z",
      summary: "Revised description.",
      imported_at: "2026-12-02T00:00:00.000Z",
      first_imported_at: "2026-12-01T00:00:00.000Z",
    });
    expect(history).toEqual([
      {
        source: "nvd",
        id: first.id,
        modified: `${originalModified}Z`,
        digest: expect.any(String),
        imported_at: "2026-12-01T00:00:00.000Z",
        replaced_at: "2026-12-02T00:00:00.000Z",
      },
    ]);
    // The revision names no products any more, and its old ones are gone with it.
    expect(products.filter((row) => row.record_id === first.id)).toEqual([]);
  });

  it("lands a whole import or nothing: a malformed record in the last file leaves every file unwritten", async () => {
    const page = JSON.parse(page38Text());
    page.vulnerabilities[20].cve.configurations[0].nodes[0].cpeMatch[0].criteria = "cpe:2.3:a:broken";
    const broken = write("broken.json", JSON.stringify(page));
    const error = await importFiles([feed11, broken]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(
      new RegExp(
        `^${broken.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: vulnerabilities\\[20\\]\\.cve \\(CVE-[0-9-]+\\): configurations\\[0\\]\\.nodes\\[0\\]\\.cpeMatch\\[0\\]\\.criteria is "cpe:2.3:a:broken"`,
      ),
    );
    const { records, products, files } = await rows();
    expect([records.length, products.length, files.length]).toEqual([0, 0, 0]);
  });

  it("refuses an API page that holds fewer records than it promised, and a truncated feed", async () => {
    const page = JSON.parse(page38Text());
    page.vulnerabilities.splice(10);
    const short = write("short.json", JSON.stringify(page));
    await expect(importFiles([short])).rejects.toThrow(
      /the page holds 10 records but promised 38 \(totalResults 38 from startIndex 0\): it is incomplete/,
    );
    const feed = gunzipSync(readFileSync(feed11));
    const truncated = write("truncated.json.gz", gzipSync(feed.subarray(0, feed.length / 2)));
    await expect(importFiles([truncated])).rejects.toThrow(
      /the JSON ends early inside CVE_Items\[\d\]: the file is truncated/,
    );
    const cut = write("cut.json.gz", readFileSync(feed11).subarray(0, 5000));
    await expect(importFiles([cut])).rejects.toThrow(InputError);
    expect((await rows()).records).toEqual([]);
  });

  it("imports CVE JSON 5 records as their own source beside NVD's, products named by CPE and by vendor and product", async () => {
    const openssl = join(TEST_FIXTURES, "cve5", "CVE-2014-0160.json");
    const xz = join(TEST_FIXTURES, "cve5", "CVE-2024-3094.json");
    const result = await importFiles([openssl, xz, feed11]);
    expect(result.feeds).toEqual([
      { source: "cve", files: 2, filesUnchanged: 0, records: 2, inserted: 2, updated: 0, unchanged: 0, older: 0 },
      { source: "nvd", files: 1, filesUnchanged: 0, records: 4, inserted: 4, updated: 0, unchanged: 0, older: 0 },
    ]);
    const { records, products } = await rows();
    // Heartbleed twice: as OpenSSL (the CNA) states it and as NVD does.
    expect(records.filter((row) => row.id === "CVE-2014-0160").map((row) => row.source)).toEqual(["cve", "nvd"]);
    expect(records.find((row) => row.source === "cve" && row.id === "CVE-2014-0160")).toMatchObject({
      modified: "",
      status: "PUBLISHED",
      cvss_score: null,
    });
    expect(records.find((row) => row.id === "CVE-2024-3094")).toMatchObject({
      source: "cve",
      cvss_score: 10,
      cvss_version: "3.1",
    });
    const named = (source: string, id: string) =>
      products
        .filter((row) => row.source === source && row.record_id === id)
        .map((row) => `${row.part}:${row.vendor}:${row.product}`);
    expect(named("cve", "CVE-2014-0160")).toEqual([":openssl:openssl"]);
    expect(named("nvd", "CVE-2014-0160")).toContain("a:openssl:openssl");
    expect(named("cve", "CVE-2024-3094")).toEqual(
      expect.arrayContaining(["o:redhat:enterprise_linux", ":red_hat:red_hat_enterprise_linux_10"]),
    );
    // A record without dates changes when its bytes do: the later import wins.
    const changed = JSON.parse(readFileSync(openssl, "utf8"));
    changed.containers.cna.descriptions[0].value = "Heartbleed, described again.";
    const again = await importFiles([write("CVE-2014-0160.json", JSON.stringify(changed))]);
    expect(again.feeds[0]).toMatchObject({ source: "cve", updated: 1 });
    expect((await rows()).records.find((row) => row.source === "cve" && row.id === "CVE-2014-0160")?.summary).toBe(
      "Heartbleed, described again.",
    );
  });

  it("reads in worker threads with the same result, and a worker's error is the same InputError", async () => {
    const { service } = threaded();
    const result = await service.importFiles(nvdSource, [feed11, page38, pageOfOne, wrapped, bare]);
    expect(result).toEqual({
      source: "nvd",
      files: 5,
      filesUnchanged: 0,
      records: 45,
      inserted: 45,
      updated: 0,
      unchanged: 0,
      older: 0,
    });
    const stored = await rows();
    const bad = write(
      "bad.json",
      page38Text().replace('"lastModified": "2023-10-18T18:00:24.900"', '"lastModified": "yesterday"'),
    );
    const error = await service.importFiles(nvdSource, [bad]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      /vulnerabilities\[0\]\.cve \(CVE-2023-27314\): lastModified is "yesterday", not a timestamp/,
    );
    expect(await rows()).toEqual(stored);
  });
});
