import { describe, expect, it } from "vitest";
import { nvdPageUrl, nvdSyncWindows, rateLimitWaitMs, retryAfterMs, retryDelayMs } from "./nvd-sync-plan.js";

describe("NVD sync planning", () => {
  it("asks for everything the first time, then windows of at most 120 days since the last success", () => {
    expect(nvdSyncWindows(null, "2026-12-08T00:00:00.000Z")).toEqual([
      { start: null, end: "2026-12-08T00:00:00.000Z" },
    ]);
    expect(nvdSyncWindows("2026-01-01T00:00:00.000Z", "2026-09-01T00:00:00.000Z")).toEqual([
      { start: "2026-01-01T00:00:00.000Z", end: "2026-05-01T00:00:00.000Z" },
      { start: "2026-05-01T00:00:00.000Z", end: "2026-08-29T00:00:00.000Z" },
      { start: "2026-08-29T00:00:00.000Z", end: "2026-09-01T00:00:00.000Z" },
    ]);
    expect(nvdSyncWindows("2026-09-01T00:00:00.000Z", "2026-09-01T00:00:00.000Z")).toEqual([]);
  });

  it("writes NVD's parameters", () => {
    const url = nvdPageUrl(
      "http://127.0.0.1:9/rest/json/cves/2.0",
      { start: "2026-01-01T00:00:00.000Z", end: "2026-02-01T00:00:00.000Z" },
      2000,
      2000,
    );
    expect(Object.fromEntries(new URL(url).searchParams)).toEqual({
      lastModStartDate: "2026-01-01T00:00:00.000Z",
      lastModEndDate: "2026-02-01T00:00:00.000Z",
      startIndex: "2000",
      resultsPerPage: "2000",
    });
  });

  it("waits as Retry-After says, else backs off exponentially with jitter", () => {
    expect(retryAfterMs("7", 0)).toBe(7000);
    expect(retryAfterMs("Wed, 21 Oct 2015 07:28:10 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(10_000);
    expect(retryAfterMs("soon", 0)).toBeNull();
    expect(retryDelayMs(3, 7000, 0.5)).toBe(7000);
    expect([retryDelayMs(1, null, 0), retryDelayMs(1, null, 0.999)]).toEqual([500, 1000]);
    expect(retryDelayMs(4, null, 0)).toBe(4000);
    expect(retryDelayMs(30, null, 0)).toBe(60_000);
  });

  it("keeps to a number of requests in a rolling window", () => {
    const limit = { requests: 2, windowMs: 30_000 };
    expect(rateLimitWaitMs([0], 1_000, limit)).toBe(0);
    expect(rateLimitWaitMs([0, 1_000], 2_000, limit)).toBe(28_000);
    expect(rateLimitWaitMs([0, 1_000], 31_000, limit)).toBe(0);
  });
});
