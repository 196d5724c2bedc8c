import { join } from "node:path";
import { expect, it } from "vitest";
import { cycloneDxBomText } from "./factories.js";
import { TEST_FIXTURES } from "./support/context.js";
import { describeOnEachDialect } from "./support/dialects.js";

/** An SBOM of one device running the given versions of `requests`. */
function requestsSbom(versions: string[]): string {
  return cycloneDxBomText(
    "python-gateway",
    versions.map((version) => ({
      name: "requests",
      version,
      bomRef: `requests-${version}`,
      purl: `pkg:pypi/requests@${version}`,
    })),
  );
}

describeOnEachDialect("matching ECOSYSTEM ranges with the ecosystem's own version scheme", (env) => {
  it("orders PyPI versions by PEP 440 when evaluating a real PYSEC record", async () => {
    const { inventory, intel, findings } = env().context;
    // 2.30.0.post1 and 2.31.0rc1 are in none of the record's listed versions, so only the
    // ECOSYSTEM range (introduced 2.3.0, fixed 2.31.0) under PEP 440 can decide them.
    await inventory.importSbomDocuments([
      { location: "sbom", text: requestsSbom(["2.2.1", "2.3.0", "2.30.0.post1", "2.31.0rc1", "2.31.0", "2.32.3"]) },
    ]);
    await intel.importPaths("osv", [join(TEST_FIXTURES, "osv-ecosystem", "PYSEC-2023-74.json")]);
    await findings.match();
    const affected = (await findings.listAll()).map((finding) => finding.component.version).sort();
    expect(affected).toEqual(["2.3.0", "2.30.0.post1", "2.31.0rc1"]);
    const listed = (await findings.listAll()).find((finding) => finding.component.version === "2.3.0");
    expect(listed).toMatchObject({ vulnerability: "CVE-2023-32681", evidence: [{ rule: "version-list" }] });
    const ranged = (await findings.listAll()).find((finding) => finding.component.version === "2.31.0rc1");
    expect(ranged?.evidence[0]).toMatchObject({
      rule: "range",
      detail: "ECOSYSTEM >=2.3.0 <2.31.0",
      vers: "vers:pypi/>=2.3.0|<2.31.0",
    });
  });
});
