import { describe, expect, it } from "vitest";
import type { ComponentMatch } from "../matching/component-matcher.js";
import { type ComponentSnapshot, type ExistingFinding, evidenceJson, planFindingChanges } from "./finding-planner.js";

const component = (id: string, version: string): ComponentSnapshot => ({
  id,
  assetId: "asset",
  name: "h2",
  version,
  purl: `pkg:cargo/h2@${version}`,
});

const match = (componentId: string, vulnerabilityId: string, detail = "SEMVER <0.3.17"): ComponentMatch => ({
  componentId,
  vulnerabilityId,
  source: "osv",
  confidence: "high",
  evidence: { rule: "range", detail, vers: "vers:cargo/<0.3.17", package: "cargo//h2" },
});

const finding = (
  id: string,
  componentId: string | null,
  vulnerabilityId: string,
  extra: Partial<ExistingFinding> = {},
) =>
  ({
    id,
    componentId,
    vulnerabilityId,
    status: "in_triage",
    confidence: "high",
    evidence: evidenceJson(match(componentId ?? "gone", vulnerabilityId)),
    componentVersion: "0.3.15",
    ...extra,
  }) satisfies ExistingFinding;

describe("planFindingChanges", () => {
  it("opens new pairs and keeps unchanged ones", () => {
    const plan = planFindingChanges({
      existing: [finding("f1", "c1", "V1")],
      matches: [match("c1", "V1"), match("c1", "V2")],
      components: new Map([["c1", component("c1", "0.3.15")]]),
      withdrawn: new Set(),
    });
    expect(plan.keep).toEqual(["f1"]);
    expect(plan.open.map((entry) => entry.vulnerabilityId)).toEqual(["V2"]);
    expect(plan.resolve).toEqual([]);
  });

  it("resolves instead of deleting, and says why (issue 6, defect 3)", () => {
    const plan = planFindingChanges({
      existing: [
        finding("upgraded", "c1", "V1"),
        finding("removed", null, "V1"),
        finding("withdrawn", "c2", "V2"),
        finding("changed", "c2", "V3"),
      ],
      matches: [],
      components: new Map([
        ["c1", component("c1", "0.3.17")],
        ["c2", component("c2", "0.3.15")],
      ]),
      withdrawn: new Set(["V2"]),
    });
    expect(plan.resolve).toEqual([
      { id: "upgraded", resolution: "version_changed" },
      { id: "removed", resolution: "component_removed" },
      { id: "withdrawn", resolution: "advisory_withdrawn" },
      { id: "changed", resolution: "advisory_changed" },
    ]);
  });

  it("reopens a resolved finding that matches again, and leaves resolved ones alone otherwise", () => {
    const plan = planFindingChanges({
      existing: [
        finding("back", "c1", "V1", { status: "resolved" }),
        finding("still", "c1", "V2", { status: "resolved" }),
      ],
      matches: [match("c1", "V1")],
      components: new Map([["c1", component("c1", "0.3.15")]]),
      withdrawn: new Set(),
    });
    expect(plan.reopen.map((entry) => entry.id)).toEqual(["back"]);
    expect(plan.resolve).toEqual([]);
  });

  it("refreshes a finding whose evidence or component version changed, keeping its id", () => {
    const plan = planFindingChanges({
      existing: [finding("f1", "c1", "V1")],
      matches: [match("c1", "V1", "SEMVER <0.3.18")],
      components: new Map([["c1", component("c1", "0.3.16")]]),
      withdrawn: new Set(),
    });
    expect(plan.refresh.map((entry) => [entry.id, entry.component.version])).toEqual([["f1", "0.3.16"]]);
    expect(plan.keep).toEqual([]);
  });
});
