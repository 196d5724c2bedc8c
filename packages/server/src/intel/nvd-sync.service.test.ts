import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { UnavailableError } from "@fleetpatch/core";
import { afterEach, beforeEach, expect, it } from "vitest";
import { runCliCaptured, TEST_FIXTURES } from "../../test/support/context.js";
import { describeOnEachDialect } from "../../test/support/dialects.js";
import { fixedClock, localFiles, undiciHttpClient } from "../platform/index.js";
import { unitOfWork } from "../store/unit-of-work.js";
import { IntelSyncStore } from "./intel-sync.store.js";
import { NvdSyncService } from "./nvd-sync.service.js";
import { RecordFeedService } from "./record-feed.service.js";
import { SourceRecordStore } from "./source-record.store.js";

// vunnel's recorded API 2.0 page of 38 CVEs, served again as pages of 10, as NVD pages them.
const recorded = JSON.parse(readFileSync(join(TEST_FIXTURES, "nvd", "api-page-38.json"), "utf8"));
const PER_PAGE = 10;

function page(startIndex: number, resultsPerPage: number, drop = 0): string {
  const vulnerabilities = recorded.vulnerabilities.slice(startIndex, startIndex + resultsPerPage - drop);
  return JSON.stringify({
    ...recorded,
    resultsPerPage,
    startIndex,
    totalResults: recorded.vulnerabilities.length,
    vulnerabilities,
  });
}

type Fault = "429" | "503" | "cut" | "html" | "short" | "500";

describeOnEachDialect("NVD API 2.0 sync", (env) => {
  let server: Server;
  let base: string;
  let requests: URLSearchParams[];
  let faults: Fault[];
  let alwaysFail: ((query: URLSearchParams) => boolean) | null;
  beforeEach(async () => {
    requests = [];
    faults = [];
    alwaysFail = null;
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const query = new URL(request.url ?? "/", "http://x").searchParams;
      requests.push(query);
      const start = Number(query.get("startIndex"));
      const size = Number(query.get("resultsPerPage"));
      const fault = alwaysFail?.(query) ? "500" : faults.shift();
      if (fault === "429") {
        response.writeHead(429, { "retry-after": "7" }).end();
      } else if (fault === "503" || fault === "500") {
        response.writeHead(Number(fault), { "content-type": "text/html" }).end("<html>Service Unavailable</html>");
      } else if (fault === "cut") {
        const body = page(start, size);
        response.writeHead(200, { "content-type": "application/json", "content-length": String(body.length) });
        response.write(body.slice(0, body.length / 2));
        setTimeout(() => response.socket?.destroy(), 10);
      } else if (fault === "html") {
        response.writeHead(200, { "content-type": "application/json" }).end("<html>Request Rejected</html>");
      } else {
        response
          .writeHead(200, { "content-type": "application/json" })
          .end(page(start, size, fault === "short" ? 3 : 0));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rest/json/cves/2.0`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const service = (now: string, slept: number[] = []) => {
    const { db, bulkLoad } = env().context.database;
    const clock = fixedClock(now);
    const work = unitOfWork(db, bulkLoad);
    const feeds = new RecordFeedService({
      unitOfWork: work,
      records: new SourceRecordStore(db),
      files: localFiles,
      clock,
    });
    return new NvdSyncService({
      sync: new IntelSyncStore(db),
      feeds,
      http: undiciHttpClient(),
      clock,
      sleep: async (ms) => void slept.push(ms),
      random: () => 0.5,
      settings: {
        url: base,
        apiKey: null,
        resultsPerPage: PER_PAGE,
        maxAttempts: 6,
        rateLimit: { requests: 1000, windowMs: 30_000 },
      },
    });
  };
  const stored = async () =>
    (await env().context.database.db.selectFrom("source_records").select("id").where("source", "=", "nvd").execute())
      .length;
  const syncState = () => env().context.database.db.selectFrom("intel_sync_state").selectAll().executeTakeFirst();

  it("pages through every window, survives each fault, and next asks only for what changed since", async () => {
    faults = ["429", "503", "cut", "html", "short"];
    const slept: number[] = [];
    const first = await service("2026-12-01T00:00:00.000Z", slept).sync();
    expect(first).toMatchObject({
      windows: 1,
      pages: 4,
      records: 38,
      inserted: 38,
      retries: 5,
      syncedUntil: "2026-12-01T00:00:00.000Z",
      resumed: false,
    });
    expect(await stored()).toBe(38);
    // Retry-After: 7 is honoured; the other faults back off exponentially (jitter at its middle).
    expect(slept).toEqual([7000, 1500, 3000, 6000, 12000]);
    // The first sync asks for everything, page by page.
    expect(requests.map((query) => query.get("lastModStartDate"))).toEqual(Array(requests.length).fill(null));
    expect([...new Set(requests.map((query) => query.get("startIndex")))]).toEqual(["0", "10", "20", "30"]);
    expect(await syncState()).toMatchObject({
      synced_until: "2026-12-01T00:00:00.000Z",
      cursor: null,
      last_error: null,
    });

    requests = [];
    const second = await service("2026-12-03T06:00:00.000Z").sync();
    expect(second).toMatchObject({ windows: 1, records: 38, inserted: 0, unchanged: 38 });
    expect(requests[0]?.get("lastModStartDate")).toBe("2026-12-01T00:00:00.000Z");
    expect(requests[0]?.get("lastModEndDate")).toBe("2026-12-03T06:00:00.000Z");
    const runs = await env()
      .context.database.db.selectFrom("intel_sync_runs")
      .selectAll()
      .orderBy("started_at")
      .execute();
    expect(runs.map((run) => [run.pages, run.records, run.inserted, run.error])).toEqual([
      [4, 38, 38, null],
      [4, 38, 0, null],
    ]);
  });

  it("keeps every page it finished when NVD stays down, and the next sync goes on from the page it did not", async () => {
    alwaysFail = (query) => query.get("startIndex") === "20";
    const error = await service("2026-12-01T00:00:00.000Z")
      .sync()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as Error).message).toMatch(
      /NVD gave no complete page after 6 attempts \(NVD answered 500\); the next sync goes on from this page/,
    );
    expect(await stored()).toBe(20);
    const state = await syncState();
    expect(JSON.parse(state?.cursor ?? "null")).toMatchObject({ startIndex: 20, window: { start: null } });
    expect(state?.last_error).toMatch(/NVD gave no complete page/);
    expect(state?.synced_until).toBeNull();

    alwaysFail = null;
    requests = [];
    const resumed = await service("2026-12-01T01:00:00.000Z").sync();
    expect(resumed).toMatchObject({
      resumed: true,
      pages: 2,
      records: 18,
      inserted: 18,
      syncedUntil: "2026-12-01T00:00:00.000Z",
    });
    expect(requests.map((query) => query.get("startIndex"))).toEqual(["20", "30"]);
    expect(await stored()).toBe(38);
  });

  it("tells each source's records, last sync, attempt, error and where an interrupted sync goes on", async () => {
    alwaysFail = (query) => query.get("startIndex") === "10";
    await service("2026-12-01T00:00:00.000Z")
      .sync()
      .catch(() => undefined);
    const [nvd, ...others] = await service("2026-12-01T00:00:00.000Z").status();
    expect(nvd).toMatchObject({
      source: "nvd",
      records: 10,
      online: true,
      syncedUntil: null,
      lastSuccessAt: null,
      lastAttemptAt: "2026-12-01T00:00:00.000Z",
      lastError: expect.stringMatching(/NVD gave no complete page/),
      cursor: { window: { start: null, end: "2026-12-01T00:00:00.000Z" }, rest: [], startIndex: 10 },
    });
    expect(others.map((source) => [source.source, source.records, source.online])).toEqual([
      ["cve", 0, false],
      ["osv", 0, false],
      ["kev", 0, false],
      ["epss", 0, false],
    ]);
    const table = await runCliCaptured(["--db", env().database.url, "intel", "status"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^SOURCE +RECORDS +SYNCED UNTIL/);
    expect(table.stdout).toMatch(
      /\nnvd +10 .*NVD gave no complete page.* start\.\.2026-12-01T00:00:00\.000Z from 10\n/,
    );
    const json = await runCliCaptured(["--db", env().database.url, "intel", "status", "--format", "json"]);
    expect(JSON.parse(json.stdout)[0]).toMatchObject({ source: "nvd", records: 10 });
  });

  it("runs from the command line against the configured endpoint", async () => {
    const url = env().database.url;
    const cli = (...args: string[]) => runCliCaptured(["--db", url, ...args], { env: { FLEETPATCH_NVD_URL: base } });
    const result = await cli("intel", "sync", "nvd");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(
      /^synced NVD: 1 pages, 38 records: 38 new, 0 updated, 0 unchanged; 0 retries; up to \d{4}-/,
    );
    // A source without a sync is a usage error (exit 2, docs/adr/0020).
    expect(await cli("intel", "sync", "osv")).toMatchObject({
      code: 2,
      stderr: 'error: no online sync for "osv" yet; known: nvd\n(run "fleetpatch intel sync --help" for usage)\n',
    });
  });
});
