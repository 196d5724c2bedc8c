import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../src/app/context.js";
import { openTestContext, SHARED_TESTDATA, TEST_FIXTURES } from "./support/context.js";

const goVulnDb = join(SHARED_TESTDATA, "osv-go-vulndb", "data", "osv");
const rustSec = join(SHARED_TESTDATA, "osv-rustsec", "crates");
const available = existsSync(goVulnDb) && existsSync(rustSec);
if (!available) process.stderr.write(`note: real-data tests skipped: ${SHARED_TESTDATA} is not present\n`);

describe.skipIf(!available)("real feeds from ../shared/testdata [real-data]", () => {
  let context: AppContext;
  beforeAll(async () => {
    context = await openTestContext(":memory:");
    await context.inventory.importSbomFiles([join(TEST_FIXTURES, "cyclonedx", "proton-bridge-v1.6.3.bom.json")]);
    const imported = await context.intel.importPaths("osv", [goVulnDb, rustSec]);
    expect(imported.records).toBe(4291 + 1206);
  });
  afterAll(async () => {
    await context?.close();
  });

  it("matches the whole Go vulnerability database against the proton-bridge SBOM", async () => {
    const result = await context.findings.match();
    const findings = await context.findings.listAll();
    expect(result.total).toBe(findings.length);
    const pairs = new Set(
      findings.map((finding) => `${finding.component.name}@${finding.component.version} ${finding.vulnerability}`),
    );
    // Spot checks computed by hand from the records' ranges.
    expect(pairs).toContain("gopkg.in/yaml.v3@v3.0.0-20200313102051-9f266ea9e77c CVE-2022-28948");
    expect(pairs).toContain("golang.org/x/net@v0.0.0-20200707034311-ab3426394381 CVE-2022-41723");
    expect(pairs).toContain("github.com/gin-gonic/gin@v1.4.0 CVE-2023-29401");
    expect(pairs).toContain("github.com/gin-gonic/gin@v1.4.0 CVE-2020-28483");
    // golang.org/x/text v0.3.5-0.2020… is a pseudo-version after 0.3.3, the fix of GO-2020-0015.
    expect([...pairs].filter((pair) => pair.endsWith(" CVE-2020-14040"))).toEqual([]);
    expect(pairs).toContain("golang.org/x/text@v0.3.5-0.20201125200606-c27b9fd57aec CVE-2021-38561");
    expect(findings.every((finding) => finding.sources.includes("osv") && finding.confidence === "high")).toBe(true);
  });
});
