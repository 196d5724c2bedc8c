import { expect, it } from "vitest";
import { cycloneDxBomText, osvRecord } from "../../test/factories.js";
import { describeOnEachDialect } from "../../test/support/dialects.js";

/** A Debian 12 advisory for openssl, fixed in bookworm's 3.0.13-1~deb12u1 (as DSA/OSV Debian records read). */
const debian12Advisory = osvRecord({
  id: "DEBIAN-CVE-2024-0727",
  aliases: ["CVE-2024-0727"],
  ecosystem: "Debian:12",
  name: "openssl",
  events: [{ introduced: "0" }, { fixed: "3.0.13-1~deb12u1" }],
});

const openssl = (version: string, distro?: string) => ({
  name: "openssl",
  version,
  purl: `pkg:deb/debian/openssl@${version}${distro ? `?distro=${distro}` : ""}`,
});

describeOnEachDialect("the finding lifecycle and release-scoped matching (issue 6)", (env) => {
  it("matches a Debian 12 advisory only against Debian 12 packages (defect 2)", async () => {
    const { inventory, intel, findings } = env().context;
    await intel.importDocument("osv", debian12Advisory, "debian.json");
    await inventory.importSbomDocuments([
      { location: "bullseye", text: cycloneDxBomText("bullseye-host", [openssl("1.1.1w-0+deb11u1", "debian-11")]) },
      { location: "bookworm", text: cycloneDxBomText("bookworm-host", [openssl("3.0.11-1~deb12u2", "bookworm")]) },
      { location: "unknown", text: cycloneDxBomText("unknown-host", [openssl("3.0.11-1~deb12u2")]) },
    ]);
    await findings.match();
    const found = (await findings.listAll()).map((finding) => [
      finding.asset,
      finding.confidence,
      finding.evidence[0]?.release,
    ]);
    expect(found).toEqual([
      ["bookworm-host", "high", "12"],
      ["unknown-host", "medium", "12"],
    ]);
  });

  it("does not match past an OSV limit however many introduced events follow (defect 1)", async () => {
    const { inventory, intel, findings } = env().context;
    await intel.importDocument(
      "osv",
      osvRecord({
        id: "RUSTSEC-LIMIT-1",
        ecosystem: "crates.io",
        name: "capped",
        type: "SEMVER",
        events: [{ introduced: "1.0.0" }, { limit: "1.5.0" }, { introduced: "2.0.0" }],
      }),
      "limit.json",
    );
    await inventory.importSbomDocuments([
      {
        location: "limit",
        text: cycloneDxBomText("crate-host", [
          { name: "capped", version: "1.2.0", purl: "pkg:cargo/capped@1.2.0" },
          { name: "capped", version: "2.5.0", purl: "pkg:cargo/capped@2.5.0", bomRef: "second" },
        ]),
      },
    ]);
    await findings.match();
    const found = await findings.listAll();
    expect(found.map((finding) => [finding.component.version, finding.evidence[0]?.vers])).toEqual([
      ["1.2.0", "vers:cargo/>=1.0.0|<1.5.0"],
    ]);
  });

  it("resolves a finding when the component is upgraded, reopens it on a downgrade, and never deletes it (defect 3)", async () => {
    const { inventory, intel, findings } = env().context;
    await intel.importDocument("osv", debian12Advisory, "debian.json");
    const install = (version: string) =>
      inventory.importSbomDocuments([
        { location: version, text: cycloneDxBomText("bookworm-host", [openssl(version, "debian-12")]) },
      ]);
    await install("3.0.11-1~deb12u2");
    await findings.match();
    const [opened] = await findings.listAll();
    expect(opened?.status).toBe("in_triage");

    const [upgrade] = await install("3.0.13-1~deb12u1");
    expect(upgrade).toMatchObject({ added: 0, updated: 1, removed: 0 });
    expect(await findings.match()).toMatchObject({ opened: 0, resolved: 1, total: 0 });
    expect(await findings.listAll()).toEqual([]);
    const [resolved] = await findings.listAll({ status: "resolved" });
    expect(resolved).toMatchObject({
      id: opened?.id,
      status: "resolved",
      resolution: "version_changed",
      firstSeen: opened?.firstSeen,
      component: { version: "3.0.11-1~deb12u2" },
    });
    expect(resolved?.resolvedAt).not.toBeNull();

    await install("3.0.11-1~deb12u2");
    expect(await findings.match()).toMatchObject({ opened: 0, reopened: 1, total: 1 });
    const [reopened] = await findings.listAll();
    expect(reopened).toMatchObject({ id: opened?.id, status: "in_triage", resolution: null, resolvedAt: null });
  });

  it("resolves the findings of a component that leaves the inventory, keeping what it was", async () => {
    const { inventory, intel, findings } = env().context;
    await intel.importDocument("osv", debian12Advisory, "debian.json");
    const sbom = (components: ReturnType<typeof openssl>[]) => [
      {
        location: "host",
        text: cycloneDxBomText("bookworm-host", [{ name: "busybox", version: "1.36.1" }, ...components]),
      },
    ];
    await inventory.importSbomDocuments(sbom([openssl("3.0.11-1~deb12u2", "debian-12")]));
    await findings.match();
    const [removal] = await inventory.importSbomDocuments(sbom([]));
    expect(removal).toMatchObject({ removed: 1 });
    // Resolved in the import's own unit of work, before any match run.
    const [gone] = await findings.listAll({ status: "all" });
    expect(gone).toMatchObject({
      status: "resolved",
      resolution: "component_removed",
      component: { name: "openssl", version: "3.0.11-1~deb12u2", cpe: null },
    });
    expect(await findings.match()).toMatchObject({ resolved: 0, total: 0 });
  });

  it("resolves findings of a withdrawn advisory as advisory_withdrawn", async () => {
    const { inventory, intel, findings } = env().context;
    await intel.importDocument("osv", debian12Advisory, "debian.json");
    await inventory.importSbomDocuments([
      { location: "host", text: cycloneDxBomText("bookworm-host", [openssl("3.0.11-1~deb12u2", "debian-12")]) },
    ]);
    await findings.match();
    await intel.importDocument(
      "osv",
      { ...debian12Advisory, modified: "2024-02-01T00:00:00Z", withdrawn: "2024-02-01T00:00:00Z" },
      "withdrawn.json",
    );
    expect(await findings.match()).toMatchObject({ resolved: 1 });
    expect((await findings.listAll({ status: "resolved" }))[0]?.resolution).toBe("advisory_withdrawn");
  });
});
