import { describe, expect, it } from "vitest";
import { InputError } from "../../errors/app-error.js";
import { isCve5Record, parseCve5Record, productKey } from "./cve5-record.js";

// Shapes as published: OpenSSL's own record of CVE-2014-0160 (no dates), and a 5.1 record with a
// CISA ADP container carrying SSVC and KEV, trimmed to what each test reads.
const heartbleed = {
  containers: {
    cna: {
      affected: [
        {
          defaultStatus: "unaffected",
          product: "OpenSSL",
          vendor: "OpenSSL",
          versions: [{ lessThan: "1.0.1g", status: "affected", version: "1.0.1", versionType: "custom" }],
        },
      ],
      descriptions: [{ lang: "en", value: "A missing bounds check in the handling of the TLS heartbeat extension …" }],
      metrics: [
        {
          format: "other",
          other: { content: { text: "unknown" }, type: "https://www.openssl.org/policies/secpolicy.html#" },
        },
      ],
      providerMetadata: { orgId: "b3476cb9-2e3d-41a6-98d0-0f47421a65b6", shortName: "openssl" },
      references: [
        {
          name: "OpenSSL Advisory",
          tags: ["vendor-advisory"],
          url: "https://www.openssl.org/news/secadv/20140407.txt",
        },
      ],
    },
  },
  cveMetadata: { assignerOrgId: "b3476cb9-2e3d-41a6-98d0-0f47421a65b6", cveId: "CVE-2014-0160", state: "PUBLISHED" },
  dataType: "CVE_RECORD",
  dataVersion: "5.0",
};

const enriched = {
  dataType: "CVE_RECORD",
  dataVersion: "5.1",
  cveMetadata: {
    cveId: "CVE-2021-44228",
    assignerShortName: "apache",
    state: "PUBLISHED",
    datePublished: "2021-12-10T00:00:00.000Z",
    dateUpdated: "2025-02-04T14:25:37.215Z",
  },
  containers: {
    cna: {
      providerMetadata: {
        orgId: "f0158376-9dc2-43b6-827c-5f631a4d8d09",
        shortName: "apache",
        dateUpdated: "2023-04-03T19:06:55.000Z",
      },
      affected: [
        {
          vendor: "Apache Software Foundation",
          product: "Apache Log4j2",
          versions: [
            { version: "2.0-beta9", lessThan: "2.3.1", status: "affected", versionType: "custom" },
            {
              version: "2.4",
              lessThan: "2.12.2",
              status: "affected",
              versionType: "custom",
              changes: [{ at: "2.12.2", status: "unaffected" }],
            },
          ],
          cpes: ["cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*", "cpe:/a:apache:log4j"],
        },
      ],
      descriptions: [{ lang: "en", value: "Apache Log4j2 2.0-beta9 through 2.15.0 … JNDI features …" }],
      metrics: [
        {
          cvssV3_1: {
            version: "3.1",
            vectorString: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
            baseScore: 10,
            baseSeverity: "CRITICAL",
          },
        },
      ],
      problemTypes: [
        {
          descriptions: [
            { cweId: "CWE-502", description: "CWE-502 Deserialization of Untrusted Data", lang: "en", type: "CWE" },
          ],
        },
      ],
      references: [{ url: "https://logging.apache.org/log4j/2.x/security.html", tags: ["vendor-advisory"] }],
    },
    adp: [
      {
        providerMetadata: {
          orgId: "134c704f-9b21-4f2e-91b3-4a467353bcc0",
          shortName: "CISA-ADP",
          dateUpdated: "2025-02-04T14:25:37.215Z",
        },
        metrics: [
          {
            other: {
              type: "ssvc",
              content: {
                timestamp: "2025-02-04T14:11:48.186845Z",
                id: "CVE-2021-44228",
                options: [{ Exploitation: "active" }, { Automatable: "yes" }, { "Technical Impact": "total" }],
                role: "CISA Coordinator",
                version: "2.0.3",
              },
            },
          },
          {
            other: {
              type: "kev",
              content: {
                dateAdded: "2021-12-10",
                reference: "https://www.cisa.gov/known-exploited-vulnerabilities-catalog?search=CVE-2021-44228",
              },
            },
          },
        ],
        title: "CISA ADP Vulnrichment",
      },
    ],
  },
};

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe("CVE JSON 5 records", () => {
  it("keeps the CNA's own statement of affected versions, and names the product by its normalised names", () => {
    const { record, products } = parseCve5Record(heartbleed, "CVE-2014-0160.json");
    expect(record).toMatchObject({
      id: "CVE-2014-0160",
      state: "PUBLISHED",
      assigner: "b3476cb9-2e3d-41a6-98d0-0f47421a65b6",
      published: null,
      modified: null,
      withdrawn: null,
      summary: "A missing bounds check in the handling of the TLS heartbeat extension …",
    });
    expect(record.containers).toHaveLength(1);
    expect(record.containers[0]).toMatchObject({
      role: "cna",
      provider: "openssl",
      metrics: [],
      ssvc: null,
      affected: [
        {
          vendor: "OpenSSL",
          product: "OpenSSL",
          vendorKey: "openssl",
          productKey: "openssl",
          defaultStatus: "unaffected",
          versions: [{ version: "1.0.1", lessThan: "1.0.1g", status: "affected", versionType: "custom" }],
        },
      ],
    });
    expect(products).toEqual([{ part: "", vendor: "openssl", product: "openssl", vulnerable: true }]);
    expect(isCve5Record(heartbleed)).toBe(true);
  });

  it("reads CVSS with who scored it, CWEs, version changes, CPEs of both bindings, and CISA's SSVC and KEV", () => {
    const { record, products } = parseCve5Record(enriched, "CVE-2021-44228.json");
    expect(record).toMatchObject({
      assigner: "apache",
      published: "2021-12-10T00:00:00.000Z",
      modified: "2025-02-04T14:25:37.215Z",
    });
    const [cna, adp] = record.containers;
    expect(cna?.metrics).toEqual([
      {
        source: "apache",
        version: "3.1",
        vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
        baseScore: 10,
        baseSeverity: "CRITICAL",
      },
    ]);
    expect(cna?.cwes).toEqual(["CWE-502"]);
    expect(cna?.affected[0]?.versions[1]?.changes).toEqual([{ at: "2.12.2", status: "unaffected" }]);
    expect(adp).toMatchObject({
      role: "adp",
      provider: "CISA-ADP",
      ssvc: {
        source: "CISA-ADP",
        version: "2.0.3",
        timestamp: "2025-02-04T14:11:48.186Z",
        options: { Exploitation: "active", Automatable: "yes", "Technical Impact": "total" },
      },
      kev: { dateAdded: "2021-12-10", reference: expect.stringContaining("CVE-2021-44228") },
    });
    expect(products).toEqual([
      { part: "a", vendor: "apache", product: "log4j", vulnerable: true },
      { part: "", vendor: "apache_software_foundation", product: "apache_log4j2", vulnerable: true },
    ]);
  });

  it("withdraws a rejected record at its rejection date", () => {
    const rejected = clone(enriched) as unknown as { cveMetadata: Record<string, unknown> };
    rejected.cveMetadata.state = "REJECTED";
    rejected.cveMetadata.dateRejected = "2025-03-01T00:00:00Z";
    expect(parseCve5Record(rejected, "r.json").record).toMatchObject({
      state: "REJECTED",
      withdrawn: "2025-03-01T00:00:00.000Z",
    });
  });

  it("names the record and the JSON path of what is wrong", () => {
    const failure = (json: unknown) => {
      try {
        parseCve5Record(json, "x.json");
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as Error).message;
      }
      throw new Error("accepted");
    };
    const badStatus = clone(heartbleed);
    (badStatus.containers.cna.affected[0]?.versions[0] as { status: string }).status = "vulnerable";
    expect(failure(badStatus)).toMatch(
      /x\.json: CVE-2014-0160: containers\.cna\.affected\[0\]\.versions\[0\]\.status is "vulnerable", not affected, unaffected or unknown/,
    );
    const noId = clone(heartbleed) as unknown as { cveMetadata: Record<string, unknown> };
    delete noId.cveMetadata.cveId;
    expect(failure(noId)).toMatch(/cveMetadata\.cveId is missing/);
    const badDate = clone(enriched);
    badDate.cveMetadata.dateUpdated = "last tuesday";
    expect(failure(badDate)).toMatch(/cveMetadata\.dateUpdated is "last tuesday", not a timestamp/);
    const badCpe = clone(enriched);
    (badCpe.containers.cna.affected[0] as { cpes: string[] }).cpes = ["cpe:2.3:a:apache"];
    expect(failure(badCpe)).toMatch(/affected\[0\]\.cpes\[0\] is not a CPE name/);
  });

  it("writes vendor and product names as CPE does", () => {
    expect(productKey("  Red Hat  Enterprise\tLinux ")).toBe("red_hat_enterprise_linux");
  });
});
