import { describe, expect, it } from "vitest";
import { type MatchEvidence, matchComponents } from "../../matching/component-matcher.js";
import { packageKeyOfOsvPackage } from "../../purl/package-key.js";
import { normaliseOsvAffected } from "./osv-affected.js";
import type { OsvAffected, OsvEvent } from "./osv-types.js";

/**
 * The evidence for `version` of the entry's package: the entry is normalised to vers as ingest does
 * and evaluated by the one matcher, so these cases exercise the path production takes.
 */
function findAffectedEvidence(version: string, affected: OsvAffected): Omit<MatchEvidence, "package"> | undefined {
  const key = packageKeyOfOsvPackage(affected);
  if (!key) throw new Error(`no key for ${affected.ecosystem}`);
  const [match] = matchComponents(
    [{ id: "c", key, version, release: null }],
    [{ vulnerabilityId: "V", source: "osv", ...normaliseOsvAffected(key, affected) }],
  );
  if (!match) return undefined;
  const { package: _package, ...evidence } = match.evidence;
  return evidence;
}

function crate(events: OsvEvent[], versions: string[] = []): OsvAffected {
  return { ecosystem: "crates.io", name: "x", ranges: [{ type: "SEMVER", events }], versions };
}

describe("OSV affected-range evaluation", () => {
  const smallvec = crate([{ introduced: "0.6.3" }, { fixed: "0.6.14" }, { introduced: "1.0.0" }, { fixed: "1.6.1" }]);

  it.each([
    ["0.6.2", false],
    ["0.6.3", true],
    ["0.6.13", true],
    ["0.6.14", false],
    ["0.9.0", false],
    ["1.0.0", true],
    ["1.6.0", true],
    ["1.6.1", false],
    ["2.0.0", false],
  ])("smallvec RUSTSEC-2021-0003 ranges: %s affected=%s", (version, affected) => {
    expect(findAffectedEvidence(version, smallvec) !== undefined).toBe(affected);
  });

  it("treats introduced 0 as the beginning and applies last_affected inclusively", () => {
    const range = crate([{ introduced: "0" }, { last_affected: "1.2.3" }]);
    expect(findAffectedEvidence("0.0.1", range)).toBeDefined();
    expect(findAffectedEvidence("1.2.3", range)).toBeDefined();
    expect(findAffectedEvidence("1.2.4", range)).toBeUndefined();
  });

  it("reads introduced and fixed at the same version as an empty range (RUSTSEC-2024-0399)", () => {
    const rustls = crate([
      { introduced: "0.23.0" },
      { fixed: "0.23.0" },
      { introduced: "0.23.13" },
      { fixed: "0.23.18" },
    ]);
    expect(findAffectedEvidence("0.23.0", rustls)).toBeUndefined();
    expect(findAffectedEvidence("0.23.5", rustls)).toBeUndefined();
    expect(findAffectedEvidence("0.23.13", rustls)).toBeDefined();
  });

  it("orders events by version, not by their order in the record", () => {
    const shuffled = crate([{ fixed: "2.0.0" }, { introduced: "1.0.0" }]);
    expect(findAffectedEvidence("1.5.0", shuffled)).toBeDefined();
    expect(findAffectedEvidence("2.0.0", shuffled)).toBeUndefined();
  });

  it("stops at a limit event", () => {
    const limited = crate([{ introduced: "1.0.0" }, { limit: "1.5.0" }]);
    expect(findAffectedEvidence("1.4.9", limited)).toBeDefined();
    expect(findAffectedEvidence("1.5.0", limited)).toBeUndefined();
  });

  it("caps the whole range at a limit, not only the interval before it (issue 6, defect 1)", () => {
    // Per the OSV evaluation, a version at or above every limit is outside the range however many
    // introduced events follow; the old evaluator read the limit as an inline fixed and matched 2.5.0.
    const limited = crate([{ introduced: "1.0.0" }, { limit: "1.5.0" }, { introduced: "2.0.0" }]);
    expect(findAffectedEvidence("1.2.0", limited)).toMatchObject({ vers: "vers:cargo/>=1.0.0|<1.5.0" });
    expect(findAffectedEvidence("2.5.0", limited)).toBeUndefined();
    expect(findAffectedEvidence("1.5.0", limited)).toBeUndefined();
  });

  it("reads several limits as one cap at the highest, and a * limit as no cap", () => {
    const twoLimits = crate([{ introduced: "1.0.0" }, { limit: "1.5.0" }, { limit: "3.0.0" }]);
    expect(findAffectedEvidence("2.0.0", twoLimits)).toMatchObject({ vers: "vers:cargo/>=1.0.0|<3.0.0" });
    expect(findAffectedEvidence("3.0.0", twoLimits)).toBeUndefined();
    const infinite = crate([{ introduced: "1.0.0" }, { limit: "1.5.0" }, { limit: "*" }]);
    expect(findAffectedEvidence("9.0.0", infinite)).toMatchObject({ vers: "vers:cargo/>=1.0.0" });
  });

  it("compares Go versions with or without the v prefix, including pseudo-versions", () => {
    const go: OsvAffected = {
      ecosystem: "Go",
      name: "golang.org/x/crypto",
      ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "0.0.0-20200220183623-bac4c82f6975" }] }],
      versions: [],
    };
    expect(findAffectedEvidence("v0.0.0-20200219234226-1ad67e1f0ef4", go)).toBeDefined();
    expect(findAffectedEvidence("v0.0.0-20200220183623-bac4c82f6975", go)).toBeUndefined();
    expect(findAffectedEvidence("v0.1.0", go)).toBeUndefined();
  });

  it("matches explicit versions exactly and reports which rule matched", () => {
    const listed = crate([], ["1.0.0", "1.0.1"]);
    expect(findAffectedEvidence("1.0.1", listed)).toEqual({ rule: "version-list", detail: "listed version 1.0.1" });
    expect(findAffectedEvidence("1.0.2", listed)).toBeUndefined();
    expect(findAffectedEvidence("1.0.0", smallvec)).toEqual({
      rule: "range",
      detail: "SEMVER >=0.6.3 <0.6.14 >=1.0.0 <1.6.1",
      vers: "vers:cargo/>=0.6.3|<0.6.14|>=1.0.0|<1.6.1",
    });
  });

  it("gives the canonical vers of the matched range, empty sub-ranges dropped", () => {
    const odd = crate([{ introduced: "1.0.0" }, { fixed: "1.0.0" }, { introduced: "2.0.0" }]);
    expect(findAffectedEvidence("2.1.0", odd)).toEqual({
      rule: "range",
      detail: "SEMVER >=1.0.0 <1.0.0 >=2.0.0",
      vers: "vers:cargo/>=2.0.0",
    });
  });

  it("never matches a version or a range it cannot parse", () => {
    expect(findAffectedEvidence("not-a-version", smallvec)).toBeUndefined();
    expect(findAffectedEvidence("1.0.0", crate([{ introduced: "garbage" }]))).toBeUndefined();
  });

  it("skips GIT ranges, which OSV producers resolve into explicit versions", () => {
    const git: OsvAffected = {
      ecosystem: "crates.io",
      name: "x",
      ranges: [{ type: "GIT", repo: "https://example.invalid/x", events: [{ introduced: "0" }] }],
      versions: [],
    };
    expect(findAffectedEvidence("1.0.0", git)).toBeUndefined();
  });

  it("keeps a range it cannot convert as skipped, with the reason", () => {
    const key = packageKeyOfOsvPackage({ ecosystem: "crates.io", name: "x" });
    if (!key) throw new Error("no key");
    const normalised = normaliseOsvAffected(key, crate([{ introduced: "garbage" }]));
    expect(normalised.ranges).toEqual([]);
    expect(normalised.skipped).toEqual([
      { detail: "SEMVER >=garbage", reason: expect.stringMatching(/"garbage" is not a valid semver version/) },
    ]);
  });

  it("scopes a distribution entry to the release its ecosystem names", () => {
    const key = packageKeyOfOsvPackage({ ecosystem: "Debian:12", name: "openssl" });
    if (!key) throw new Error("no key");
    const entry: OsvAffected = {
      ecosystem: "Debian:12",
      name: "openssl",
      ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "3.0.13-1~deb12u1" }] }],
      versions: [],
    };
    expect(normaliseOsvAffected(key, entry)).toMatchObject({
      key: { type: "deb", namespace: "debian", name: "openssl" },
      release: "12",
      ranges: [{ vers: "vers:deb/<3.0.13-1~deb12u1", detail: "ECOSYSTEM >=0 <3.0.13-1~deb12u1" }],
    });
  });
});
