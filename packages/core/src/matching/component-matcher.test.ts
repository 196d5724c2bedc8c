import { describe, expect, it } from "vitest";
import { packageKey } from "../purl/package-key.js";
import { type MatchableAffected, matchComponents } from "./component-matcher.js";

const h2Advisory: MatchableAffected = {
  vulnerabilityId: "RUSTSEC-2023-0034",
  key: packageKey("cargo", null, "h2"),
  source: "osv",
  release: null,
  ranges: [{ vers: "vers:cargo/>=0.0.0-0|<0.3.17", detail: "SEMVER >=0.0.0-0 <0.3.17" }],
  versions: [],
};

const opensslKey = packageKey("deb", "debian", "openssl");
/** A Debian 12 advisory: fixed in bookworm's 3.0.13-1~deb12u1. */
const debian12Advisory: MatchableAffected = {
  vulnerabilityId: "CVE-2024-0727",
  key: opensslKey,
  source: "osv",
  release: "12",
  ranges: [{ vers: "vers:deb/<3.0.13-1~deb12u1", detail: "ECOSYSTEM >=0 <3.0.13-1~deb12u1" }],
  versions: [],
};

describe("component matching", () => {
  it("matches on package key and version, with evidence", () => {
    const matches = matchComponents(
      [
        { id: "c1", key: packageKey("cargo", null, "h2"), version: "0.3.15", release: null },
        { id: "c2", key: packageKey("cargo", null, "h2"), version: "0.3.17", release: null },
        { id: "c3", key: packageKey("npm", null, "h2"), version: "0.3.15", release: null },
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
      [{ id: "c1", key: packageKey("cargo", null, "h2"), version: "0.3.15", release: null }],
      [h2Advisory, h2Advisory],
    );
    expect(matches).toHaveLength(1);
  });

  it("matches a release-scoped advisory only within its release (issue 6, defect 2)", () => {
    const matches = matchComponents(
      [
        // Debian 11's openssl sorts below bookworm's fix, but a Debian 12 advisory says nothing of Debian 11.
        { id: "bullseye", key: opensslKey, version: "1.1.1w-0+deb11u1", release: "11" },
        { id: "bookworm", key: opensslKey, version: "3.0.11-1~deb12u2", release: "12" },
        { id: "bookworm-fixed", key: opensslKey, version: "3.0.13-1~deb12u1", release: "12" },
      ],
      [debian12Advisory],
    );
    expect(matches.map((match) => [match.componentId, match.confidence, match.evidence.release])).toEqual([
      ["bookworm", "high", "12"],
    ]);
  });

  it("matches a component without a release at medium confidence", () => {
    const [match] = matchComponents(
      [{ id: "unknown", key: opensslKey, version: "3.0.11-1~deb12u2", release: null }],
      [debian12Advisory],
    );
    expect(match).toMatchObject({ componentId: "unknown", confidence: "medium", evidence: { release: "12" } });
  });

  it("prefers a same-release match over a release-less one for the same vulnerability", () => {
    const unscoped: MatchableAffected = { ...debian12Advisory, release: null };
    const [match] = matchComponents(
      [{ id: "bookworm", key: opensslKey, version: "3.0.11-1~deb12u2", release: null }],
      [debian12Advisory, unscoped],
    );
    expect(match?.confidence).toBe("high");
    expect(match?.evidence.release).toBeUndefined();
  });
});
