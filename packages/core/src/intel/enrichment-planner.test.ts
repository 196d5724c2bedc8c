import { describe, expect, it } from "vitest";
import type { KevCatalog, KevEntry } from "../formats/kev/kev-catalog.js";
import { planEpssChanges, planKevChanges, type StoredEpssScore } from "./enrichment-planner.js";

const entry = (cveId: string, dueDate = "2025-09-15"): KevEntry => ({
  cveId,
  vendorProject: "Git",
  product: "Git",
  vulnerabilityName: "n",
  dateAdded: "2025-08-25",
  shortDescription: "d",
  requiredAction: "a",
  dueDate,
  knownRansomwareCampaignUse: "Unknown",
  notes: "",
  cwes: ["CWE-59"],
});
const catalog = (entries: KevEntry[], dateReleased: string | null, complete = true): KevCatalog => ({
  format: dateReleased ? "json" : "csv",
  catalogVersion: dateReleased ? dateReleased.slice(0, 10) : null,
  dateReleased,
  complete,
  entries,
});

describe("planKevChanges", () => {
  const stored = new Map([
    ["CVE-1", { ...entry("CVE-1"), removedIn: null }],
    ["CVE-2", { ...entry("CVE-2"), removedIn: null }],
    ["CVE-3", { ...entry("CVE-3"), removedIn: "2025-08-20" }],
  ]);

  it("inserts new entries, updates changed and listed-again ones, and marks absent ones removed", () => {
    const plan = planKevChanges(
      stored,
      ["2025-08-25T00:00:00Z"],
      catalog([entry("CVE-1"), entry("CVE-3"), entry("CVE-4", "2025-10-01")], "2025-08-26T00:00:00Z"),
    );
    expect(plan).toMatchObject({ older: false, unchanged: 1, markRemoved: ["CVE-2"], removedIn: "2025-08-26" });
    expect(plan.insert.map((e) => e.cveId)).toEqual(["CVE-4"]);
    expect(plan.update.map((e) => e.cveId)).toEqual(["CVE-3"]);
  });

  it("writes nothing for a catalog released before one applied, and removes nothing for an incomplete one", () => {
    expect(planKevChanges(stored, ["2025-08-25T00:00:00Z"], catalog([], "2025-08-24T00:00:00Z")).older).toBe(true);
    expect(
      planKevChanges(stored, ["2025-08-25T00:00:00Z"], catalog([entry("CVE-1")], null, false)).markRemoved,
    ).toEqual([]);
  });
});

describe("planEpssChanges", () => {
  const stored = new Map<string, StoredEpssScore>([
    ["CVE-1", { cveId: "CVE-1", epss: 0.1, percentile: 0.5, scoreDate: "2026-08-16", modelVersion: null }],
  ]);
  const dated = (scoreDate: string | null) => ({ variant: "per-year" as const, modelVersion: null, scoreDate });

  it("adds history only when the score changed, and never for an older or undated file over a dated score", () => {
    const same = planEpssChanges(stored, [{ cveId: "CVE-1", epss: 0.1, percentile: 0.6 }], dated("2026-08-17"));
    expect(same).toMatchObject({ update: [{ cveId: "CVE-1" }], history: [], unchanged: 0 });
    const moved = planEpssChanges(stored, [{ cveId: "CVE-1", epss: 0.2, percentile: 0.6 }], dated("2026-08-17"));
    expect(moved.history).toEqual([{ cveId: "CVE-1", epss: 0.2, percentile: 0.6 }]);
    expect(planEpssChanges(stored, [{ cveId: "CVE-1", epss: 0.2, percentile: 0.6 }], dated("2026-08-15")).older).toBe(
      1,
    );
    expect(planEpssChanges(stored, [{ cveId: "CVE-1", epss: 0.2, percentile: 0.6 }], dated(null)).older).toBe(1);
    expect(
      planEpssChanges(stored, [{ cveId: "CVE-1", epss: 0.1, percentile: 0.5 }], dated("2026-08-16")).unchanged,
    ).toBe(1);
    expect(planEpssChanges(stored, [{ cveId: "CVE-2", epss: 0.1, percentile: 0.5 }], dated(null))).toMatchObject({
      insert: [{ cveId: "CVE-2" }],
      history: [],
    });
  });
});
