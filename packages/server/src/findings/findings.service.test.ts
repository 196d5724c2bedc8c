import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { cycloneDxBomText } from "../../test/factories.js";
import { FIXTURES, TEST_FIXTURES } from "../../test/support/context.js";
import { describeOnEachDialect } from "../../test/support/dialects.js";

const demo = join(FIXTURES, "demo");
const bridgeSbom = join(TEST_FIXTURES, "cyclonedx", "proton-bridge-v1.6.3.bom.json");

/** The proton-bridge SBOM with one component moved to another version, as a rebuilt release would be. */
function bridgeWith(purlPrefix: string, version: string): string {
  const bom = JSON.parse(readFileSync(bridgeSbom, "utf8"));
  const component = bom.components.find((item: { purl?: string }) => item.purl?.startsWith(purlPrefix));
  if (!component) throw new Error(`no component ${purlPrefix}`);
  component.version = version;
  component.purl = `${purlPrefix}@${version}`;
  return JSON.stringify(bom);
}

describeOnEachDialect("matching OSV records against SBOMs", (env) => {
  it("finds a real crate advisory at an affected version and none at the fixed version", async () => {
    const { inventory, intel, findings } = env().context;
    await inventory.importSbomFiles([
      join(demo, "sboms", "edge-gateway-2.3.1.cdx.json"),
      join(demo, "sboms", "edge-gateway-2.4.0.cdx.json"),
    ]);
    await intel.importPaths("osv", [join(demo, "osv")]);
    await findings.match();

    const berlin = await findings.listAll({ assetName: "gw-berlin-01" });
    const h2 = berlin.find((finding) => finding.vulnerability === "CVE-2023-26964");
    expect(h2).toMatchObject({
      asset: "gw-berlin-01",
      component: { name: "h2", version: "0.3.15", purl: "pkg:cargo/h2@0.3.15", cpe: null },
      aliases: ["CVE-2023-26964", "GHSA-f8vr-r385-rh5r", "RUSTSEC-2023-0034"],
      status: "in_triage",
      sources: ["osv"],
      confidence: "high",
    });
    expect(h2?.evidence[0]).toEqual({
      source: "osv",
      rule: "range",
      detail: "SEMVER >=0.0.0-0 <0.3.17",
      vers: "vers:cargo/>=0.0.0-0|<0.3.17",
      package: "cargo//h2",
    });

    // gw-hamburg-02 runs h2 0.4.16 and paho 1.5.1: the fixed versions.
    const hamburg = await findings.listAll({ assetName: "gw-hamburg-02" });
    expect(hamburg.map((finding) => finding.vulnerability)).not.toContain("CVE-2023-26964");
    expect(hamburg.map((finding) => finding.vulnerability)).not.toContain("CVE-2025-10543");
    expect(berlin.map((finding) => finding.vulnerability)).toContain("CVE-2025-10543");
  });

  it("ignores withdrawn advisories and empty ranges", async () => {
    const { inventory, intel, findings } = env().context;
    await inventory.importSbomFiles([join(demo, "sboms", "edge-gateway-2.3.1.cdx.json")]);
    await intel.importPaths("osv", [join(demo, "osv")]);
    await findings.match();
    const ids = (await findings.listAll()).flatMap((finding) => finding.aliases);
    // RUSTSEC-2025-0007 (ring) is withdrawn; ring 0.16.20 is otherwise affected by RUSTSEC-2025-0009.
    expect(ids).not.toContain("RUSTSEC-2025-0007");
    expect(ids).toContain("RUSTSEC-2025-0009");
    // rustls 0.21.12 is past every range of RUSTSEC-2024-0336 and -0399.
    expect(ids).not.toContain("RUSTSEC-2024-0336");
  });

  it("finds a real Go advisory in a real SBOM, and closes it when the SBOM moves to the fixed version", async () => {
    const { inventory, intel, findings } = env().context;
    await inventory.importSbomFiles([bridgeSbom], { assetName: "proton-bridge" });
    await intel.importPaths("osv", [join(TEST_FIXTURES, "osv")]);
    const first = await findings.match();
    expect(first).toMatchObject({ opened: 3, resolved: 0, total: 3 });
    const before = await findings.listAll();
    expect(before.map((finding) => `${finding.component.name} ${finding.vulnerability}`)).toEqual([
      "github.com/gin-gonic/gin CVE-2020-36567",
      "golang.org/x/text CVE-2021-38561",
      "gopkg.in/yaml.v3 CVE-2022-28948",
    ]);
    const yaml = before.find((finding) => finding.vulnerability === "CVE-2022-28948");
    expect(yaml?.component.purl).toBe("pkg:golang/gopkg.in/yaml.v3@v3.0.0-20200313102051-9f266ea9e77c");
    expect(yaml?.aliases).toEqual(["CVE-2022-28948", "GHSA-hp87-p4gw-j4gq", "GO-2022-0603"]);

    await inventory.importSbomDocuments(
      [
        {
          location: "bridge-fixed",
          text: bridgeWith("pkg:golang/gopkg.in/yaml.v3", "v3.0.0-20220521103104-8f96da9f5d5e"),
        },
      ],
      { assetName: "proton-bridge" },
    );
    const second = await findings.match();
    const after = await findings.listAll();
    expect(after.map((finding) => finding.vulnerability)).not.toContain("CVE-2022-28948");
    expect(after.map((finding) => finding.vulnerability).sort()).toEqual(
      before
        .map((finding) => finding.vulnerability)
        .filter((id) => id !== "CVE-2022-28948")
        .sort(),
    );
    // Findings that still match keep their identity.
    const text = before.find((finding) => finding.vulnerability === "CVE-2021-38561");
    expect(after.find((finding) => finding.vulnerability === "CVE-2021-38561")?.id).toBe(text?.id);
    expect(second.opened).toBe(0);
  });

  it("pages findings by cursor in a stable order, with a total only when asked", async () => {
    const { inventory, intel, findings } = env().context;
    await inventory.importSbomFiles([join(demo, "sboms", "edge-gateway-2.3.1.cdx.json")]);
    await intel.importPaths("osv", [join(demo, "osv")]);
    await findings.match();
    const all = await findings.list({ limit: 1000, withTotal: true });
    expect(all.next).toBeNull();
    expect(all.total).toBe(all.items.length);
    expect(all.items.length).toBeGreaterThan(10);
    const first = await findings.list({ limit: 5 });
    expect(first.total).toBeUndefined();
    expect(first.next).not.toBeNull();
    const second = await findings.list({ limit: 5, cursor: first.next ?? "" });
    expect([...first.items, ...second.items].map((finding) => finding.id)).toEqual(
      all.items.slice(0, 10).map((finding) => finding.id),
    );
    // Walking every page gives every finding once, in the one-page order.
    const walked: string[] = [];
    for (let cursor: string | undefined; ; ) {
      const page = await findings.list({ limit: 3, ...(cursor ? { cursor } : {}) });
      walked.push(...page.items.map((finding) => finding.id));
      if (page.next === null) break;
      cursor = page.next;
    }
    expect(walked).toEqual(all.items.map((finding) => finding.id));
  });

  it("lists status=all as the open findings, then the resolved ones, across the page boundary", async () => {
    const { inventory, intel, findings } = env().context;
    await inventory.importSbomFiles([join(demo, "sboms", "edge-gateway-2.3.1.cdx.json")]);
    await intel.importPaths("osv", [join(demo, "osv")]);
    await findings.match();
    const open = await findings.listAll({ status: "open" });
    // Resolve some: the asset is imported again with none of its matching components left.
    const unrelated = [{ name: "unrelated", version: "1.0.0", purl: "pkg:npm/unrelated@1.0.0" }];
    await inventory.importSbomDocuments([{ location: "rebuilt.json", text: cycloneDxBomText("rebuilt", unrelated) }], {
      assetName: open[0]?.asset ?? "",
    });
    const resolved = await findings.listAll({ status: "resolved" });
    const stillOpen = await findings.listAll({ status: "open" });
    expect(resolved.length).toBeGreaterThan(0);
    const walked: string[] = [];
    for (let cursor: string | undefined; ; ) {
      const page = await findings.list({ status: "all", limit: 4, ...(cursor ? { cursor } : {}) });
      walked.push(...page.items.map((finding) => finding.id));
      if (page.next === null) break;
      cursor = page.next;
    }
    expect(walked).toEqual([...stillOpen, ...resolved].map((finding) => finding.id));
    const counted = await findings.list({ status: "all", limit: 1, withTotal: true });
    expect(counted.total).toBe(stillOpen.length + resolved.length);
  });

  it("refuses a cursor it did not issue, or one of another status filter", async () => {
    const { inventory, intel, findings } = env().context;
    await inventory.importSbomFiles([join(demo, "sboms", "edge-gateway-2.3.1.cdx.json")]);
    await intel.importPaths("osv", [join(demo, "osv")]);
    await findings.match();
    const first = await findings.list({ limit: 1 });
    await expect(findings.list({ limit: 1, cursor: "not-a-cursor" })).rejects.toThrow(/cursor is not one/);
    await expect(findings.list({ status: "resolved", limit: 1, cursor: first.next ?? "" })).rejects.toThrow(
      /cursor is not one/,
    );
  });

  it("rejects a listing for an unknown asset", async () => {
    await expect(env().context.findings.list({ assetName: "nope", limit: 10 })).rejects.toThrow(
      /no asset named "nope"/,
    );
  });
});
