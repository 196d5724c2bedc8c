import { describe, expect, it } from "vitest";
import { packageKey } from "../purl/package-key.js";
import { type MatchableAffected, matchComponents } from "./component-matcher.js";

const h2Advisory: MatchableAffected = {
  vulnerabilityId: "RUSTSEC-2023-0034",
  key: packageKey("cargo", null, "h2"),
  source: "osv",
  affected: {
    ecosystem: "crates.io",
    name: "h2",
    ranges: [{ type: "SEMVER", events: [{ introduced: "0.0.0-0" }, { fixed: "0.3.17" }] }],
    versions: [],
  },
};

describe("component matching", () => {
  it("matches on package key and version, with evidence", () => {
    const matches = matchComponents(
      [
        { id: "c1", key: packageKey("cargo", null, "h2"), version: "0.3.15" },
        { id: "c2", key: packageKey("cargo", null, "h2"), version: "0.3.17" },
        { id: "c3", key: packageKey("npm", null, "h2"), version: "0.3.15" },
      ],
      [h2Advisory],
    );
    expect(matches).toEqual([
      {
        componentId: "c1",
        vulnerabilityId: "RUSTSEC-2023-0034",
        source: "osv",
        confidence: "high",
        evidence: {
          rule: "range",
          detail: "SEMVER >=0.0.0-0 <0.3.17",
          vers: "vers:cargo/>=0.0.0-0|<0.3.17",
          package: "cargo//h2",
        },
      },
    ]);
  });

  it("reports a vulnerability once per component even when several entries match", () => {
    const matches = matchComponents(
      [{ id: "c1", key: packageKey("cargo", null, "h2"), version: "0.3.15" }],
      [h2Advisory, h2Advisory],
    );
    expect(matches).toHaveLength(1);
  });
});
