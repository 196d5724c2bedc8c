import { describe, expect, it } from "vitest";
import { InputError } from "../../errors/app-error.js";
import { parseNvdSingle } from "./nvd-feed.js";
import { parseNvdCve20, parseNvdItem11 } from "./nvd-record.js";
import { headlineMetric, scoreVector } from "./nvd-score.js";

// Shapes as NVD publishes them (CVE-2014-0160 from the 1.1 feed of 2014, CVE-2022-22377 from an
// API 2.0 page), trimmed to the fields each test reads.
const heartbleed11 = {
  cve: {
    CVE_data_meta: { ID: "CVE-2014-0160", ASSIGNER: "secalert@redhat.com" },
    problemtype: { problemtype_data: [{ description: [{ lang: "en", value: "CWE-125" }] }] },
    references: {
      reference_data: [
        {
          url: "http://heartbleed.com/",
          name: "http://heartbleed.com/",
          refsource: "MISC",
          tags: ["Third Party Advisory"],
        },
        { url: "http://www.openssl.org/news/secadv_20140407.txt", refsource: "CONFIRM", tags: ["Vendor Advisory"] },
      ],
    },
    description: {
      description_data: [
        { lang: "en", value: "The (1) TLS and (2) DTLS implementations in OpenSSL 1.0.1 before 1.0.1g …" },
      ],
    },
  },
  configurations: {
    CVE_data_version: "4.0",
    nodes: [
      {
        operator: "OR",
        children: [],
        cpe_match: [
          {
            vulnerable: true,
            cpe23Uri: "cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*",
            versionStartIncluding: "1.0.1",
            versionEndExcluding: "1.0.1g",
            cpe_name: [],
          },
        ],
      },
      {
        operator: "AND",
        children: [
          {
            operator: "OR",
            children: [],
            cpe_match: [{ vulnerable: true, cpe23Uri: "cpe:2.3:o:siemens:cp_1543-1_firmware:1.1:*:*:*:*:*:*:*" }],
          },
          {
            operator: "OR",
            children: [],
            cpe_match: [{ vulnerable: false, cpe23Uri: "cpe:2.3:h:siemens:cp_1543-1:-:*:*:*:*:*:*:*" }],
          },
        ],
        cpe_match: [],
      },
    ],
  },
  impact: {
    baseMetricV3: {
      cvssV3: {
        version: "3.1",
        vectorString: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
        baseScore: 7.5,
        baseSeverity: "HIGH",
      },
    },
    baseMetricV2: {
      cvssV2: { version: "2.0", vectorString: "AV:N/AC:L/Au:N/C:P/I:N/A:N", baseScore: 5.0 },
      severity: "MEDIUM",
    },
  },
  publishedDate: "2014-04-07T22:55Z",
  lastModifiedDate: "2023-11-07T02:18Z",
};

const ibm20 = {
  id: "CVE-2022-22377",
  sourceIdentifier: "psirt@us.ibm.com",
  published: "2023-10-14T16:15:10.003",
  lastModified: "2023-10-18T18:02:12.987",
  vulnStatus: "Analyzed",
  descriptions: [
    { lang: "es", value: "IBM Security Verify Access …" },
    { lang: "en", value: "IBM Security Verify Access Appliance 10.0.0.0 through 10.0.6.1 …" },
  ],
  metrics: {
    cvssMetricV31: [
      {
        source: "nvd@nist.gov",
        type: "Primary",
        cvssData: {
          version: "3.1",
          vectorString: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
          baseScore: 7.5,
          baseSeverity: "HIGH",
        },
      },
      {
        source: "psirt@us.ibm.com",
        type: "Secondary",
        cvssData: {
          version: "3.1",
          vectorString: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L",
          baseScore: 5.3,
          baseSeverity: "MEDIUM",
        },
      },
    ],
  },
  weaknesses: [
    { source: "nvd@nist.gov", type: "Primary", description: [{ lang: "en", value: "NVD-CWE-noinfo" }] },
    { source: "psirt@us.ibm.com", type: "Secondary", description: [{ lang: "en", value: "CWE-770" }] },
  ],
  configurations: [
    {
      operator: "AND",
      nodes: [
        {
          operator: "OR",
          negate: false,
          cpeMatch: [
            {
              vulnerable: true,
              criteria: "cpe:2.3:a:ibm:security_verify_access:*:*:*:*:*:*:*:*",
              versionStartIncluding: "10.0.0.0",
              versionEndIncluding: "10.0.6.1",
              matchCriteriaId: "9B7D9F1E-8A9B-4D2A-9E5A-0C2B7A1F3E11",
            },
          ],
        },
        {
          operator: "OR",
          negate: false,
          cpeMatch: [
            {
              vulnerable: false,
              criteria: "cpe:2.3:h:ibm:security_verify_access:-:*:*:*:*:*:*:*",
              matchCriteriaId: "A1B2C3D4-0000-4000-8000-000000000001",
            },
          ],
        },
      ],
    },
  ],
  references: [
    { url: "https://www.ibm.com/support/pages/node/7041303", source: "psirt@us.ibm.com", tags: ["Vendor Advisory"] },
  ],
};

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function failure(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).location).toBeTruthy();
    return (error as Error).message;
  }
  throw new Error("accepted");
}

describe("NVD 1.1 feed items", () => {
  it("reads ids, instants, metrics, weaknesses, references and configuration trees with vers", () => {
    const { record, products } = parseNvdItem11(heartbleed11, "nvdcve-1.1-2014.json", "CVE_Items[0]");
    expect(record).toMatchObject({
      id: "CVE-2014-0160",
      format: "1.1",
      sourceIdentifier: "secalert@redhat.com",
      published: "2014-04-07T22:55:00.000Z",
      modified: "2023-11-07T02:18:00.000Z",
      status: null,
      withdrawn: null,
      summary: expect.stringMatching(/^The \(1\) TLS/),
    });
    expect(record.metrics).toEqual([
      {
        source: "nvd@nist.gov",
        type: "Primary",
        version: "3.1",
        vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
        baseScore: 7.5,
        baseSeverity: "HIGH",
      },
      {
        source: "nvd@nist.gov",
        type: "Primary",
        version: "2.0",
        vector: "AV:N/AC:L/Au:N/C:P/I:N/A:N",
        baseScore: 5,
        baseSeverity: "MEDIUM",
      },
    ]);
    expect(record.weaknesses).toEqual([{ source: "nvd@nist.gov", type: "Primary", cwe: "CWE-125" }]);
    expect(record.references[1]).toEqual({
      url: "http://www.openssl.org/news/secadv_20140407.txt",
      source: "CONFIRM",
      tags: ["Vendor Advisory"],
    });
    expect(record.configurations).toEqual([
      {
        operator: "OR",
        negate: false,
        criteria: [
          {
            criteria: "cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*",
            vulnerable: true,
            versionStartIncluding: "1.0.1",
            versionEndExcluding: "1.0.1g",
            vers: "vers:generic/>=1.0.1|<1.0.1g",
          },
        ],
        children: [],
      },
      {
        operator: "AND",
        negate: false,
        criteria: [],
        children: [
          {
            operator: "OR",
            negate: false,
            criteria: [
              {
                criteria: "cpe:2.3:o:siemens:cp_1543-1_firmware:1.1:*:*:*:*:*:*:*",
                vulnerable: true,
                vers: "vers:generic/1.1",
              },
            ],
            children: [],
          },
          {
            operator: "OR",
            negate: false,
            criteria: [
              {
                criteria: "cpe:2.3:h:siemens:cp_1543-1:-:*:*:*:*:*:*:*",
                vulnerable: false,
                vers: null,
                versNote: 'the CPE version is "-" (not applicable)',
              },
            ],
            children: [],
          },
        ],
      },
    ]);
    expect(products).toEqual([
      { part: "a", vendor: "openssl", product: "openssl", vulnerable: true },
      { part: "o", vendor: "siemens", product: "cp_1543-1_firmware", vulnerable: true },
      { part: "h", vendor: "siemens", product: "cp_1543-1", vulnerable: false },
    ]);
    expect(headlineMetric(record)?.version).toBe("3.1");
  });

  it("leaves vers out when reading for an import, and marks rejected records withdrawn", () => {
    const { record } = parseNvdItem11(heartbleed11, "f", "CVE_Items[0]", { withVers: false });
    expect(record.configurations[0]?.criteria[0]).not.toHaveProperty("vers");
    const rejected = clone(heartbleed11);
    rejected.cve.description.description_data[0] = {
      lang: "en",
      value: "** REJECT ** DO NOT USE THIS CANDIDATE NUMBER.",
    };
    expect(parseNvdItem11(rejected, "f", "CVE_Items[0]").record).toMatchObject({
      status: "Rejected",
      withdrawn: "2023-11-07T02:18:00.000Z",
    });
  });

  it("names the file, the record and the JSON path of what is wrong", () => {
    const noId = clone(heartbleed11) as { cve: { CVE_data_meta: Record<string, unknown> } };
    noId.cve.CVE_data_meta = {};
    expect(failure(() => parseNvdItem11(noId, "feed.json", "CVE_Items[7]"))).toBe(
      "feed.json: CVE_Items[7]: cve.CVE_data_meta.ID is missing (the CVE id)",
    );
    const badCpe = clone(heartbleed11);
    (badCpe.configurations.nodes[0]?.cpe_match[0] as { cpe23Uri: string }).cpe23Uri = "cpe:/a:openssl:openssl:1.0.1";
    expect(failure(() => parseNvdItem11(badCpe, "feed.json", "CVE_Items[7]"))).toMatch(
      /^feed\.json: CVE_Items\[7\] \(CVE-2014-0160\): configurations\.nodes\[0\]\.cpe_match\[0\]\.cpe23Uri is "cpe:\/a:openssl:openssl:1\.0\.1", not a CPE 2\.3 name/,
    );
    const shortCpe = clone(heartbleed11);
    (shortCpe.configurations.nodes[0]?.cpe_match[0] as { cpe23Uri: string }).cpe23Uri =
      "cpe:2.3:a:openssl:openssl:1.0.1";
    expect(failure(() => parseNvdItem11(shortCpe, "f", "CVE_Items[0]"))).toMatch(/13 colon-separated fields, not 6/);
    const badDate = clone(heartbleed11);
    badDate.lastModifiedDate = "2023-02-30T02:18Z";
    expect(failure(() => parseNvdItem11(badDate, "f", "CVE_Items[0]"))).toMatch(
      /lastModifiedDate is "2023-02-30T02:18Z", which is no date/,
    );
    const control = clone(heartbleed11);
    control.cve.references.reference_data[0] = {
      ...control.cve.references.reference_data[0],
      url: "http://x/\u001b[2J",
    } as never;
    expect(failure(() => parseNvdItem11(control, "f", "CVE_Items[0]"))).toMatch(
      /reference_data\[0\]\.url contains the control character U\+001B/,
    );
    const operator = clone(heartbleed11);
    (operator.configurations.nodes[1] as { operator: string }).operator = "XOR";
    expect(failure(() => parseNvdItem11(operator, "f", "CVE_Items[0]"))).toMatch(
      /nodes\[1\]\.operator is "XOR"; NVD's operators are AND and OR/,
    );
  });
});

describe("NVD API 2.0 records", () => {
  it("reads a configuration as an AND of nodes, a running-on platform as not vulnerable, and who scored what", () => {
    const { record, products } = parseNvdCve20(ibm20, "page.json", "vulnerabilities[0].cve");
    expect(record).toMatchObject({
      id: "CVE-2022-22377",
      format: "2.0",
      published: "2023-10-14T16:15:10.003Z",
      modified: "2023-10-18T18:02:12.987Z",
      status: "Analyzed",
      summary: "IBM Security Verify Access Appliance 10.0.0.0 through 10.0.6.1 …",
    });
    expect(record.metrics.map((metric) => [metric.source, metric.type, metric.baseScore])).toEqual([
      ["nvd@nist.gov", "Primary", 7.5],
      ["psirt@us.ibm.com", "Secondary", 5.3],
    ]);
    expect(record.weaknesses).toEqual([
      { source: "nvd@nist.gov", type: "Primary", cwe: "NVD-CWE-noinfo" },
      { source: "psirt@us.ibm.com", type: "Secondary", cwe: "CWE-770" },
    ]);
    const root = record.configurations[0];
    expect(root?.operator).toBe("AND");
    expect(root?.children.map((node) => node.criteria[0]?.vulnerable)).toEqual([true, false]);
    expect(root?.children[0]?.criteria[0]).toMatchObject({
      matchCriteriaId: "9B7D9F1E-8A9B-4D2A-9E5A-0C2B7A1F3E11",
      vers: "vers:generic/>=10.0.0.0|<=10.0.6.1",
    });
    expect(
      products.map((product) => `${product.part}:${product.vendor}:${product.product}:${product.vulnerable}`),
    ).toEqual(["a:ibm:security_verify_access:true", "h:ibm:security_verify_access:false"]);
    expect(headlineMetric(record)).toMatchObject({ type: "Primary", baseScore: 7.5 });
  });

  it("reads a single configuration node as that node, and vulnStatus Rejected as withdrawn", () => {
    const single = clone(ibm20);
    single.configurations = [{ nodes: [single.configurations[0]?.nodes[0]] } as never];
    single.vulnStatus = "Rejected";
    const { record } = parseNvdSingle({ cve: single }, "CVE-2022-22377.json");
    expect(record.configurations[0]?.operator).toBe("OR");
    expect(record.configurations[0]?.criteria).toHaveLength(1);
    expect(record.withdrawn).toBe("2023-10-18T18:02:12.987Z");
  });

  it("unescapes CPE punctuation in the products index", () => {
    const escaped = clone(ibm20);
    (escaped.configurations[0]?.nodes[0]?.cpeMatch[0] as { criteria: string }).criteria =
      "cpe:2.3:a:hewlett\\-packard:web\\:jetadmin:1.0\\:beta:*:*:*:*:*:*:*";
    const { record, products } = parseNvdCve20(escaped, "f", "cve");
    expect(products[0]).toEqual({ part: "a", vendor: "hewlett-packard", product: "web:jetadmin", vulnerable: true });
    // The bounds win over the CPE's own version.
    expect(record.configurations[0]?.children[0]?.criteria[0]?.vers).toBe("vers:generic/>=10.0.0.0|<=10.0.6.1");
  });

  it("refuses what is not an NVD record, naming what is missing", () => {
    expect(failure(() => parseNvdSingle({ schema_version: "1.6.0", id: "GHSA-x" }, "x.json"))).toMatch(
      /is no NVD CVE record/,
    );
    const noSource = clone(ibm20) as { metrics: { cvssMetricV31: Array<Record<string, unknown>> } };
    delete noSource.metrics.cvssMetricV31[0]?.source;
    expect(failure(() => parseNvdCve20(noSource, "f", "cve"))).toMatch(
      /cve \(CVE-2022-22377\): metrics\.cvssMetricV31\[0\]\.source is missing/,
    );
    const version = clone(ibm20);
    (version.metrics.cvssMetricV31[0]?.cvssData as { version: string }).version = "5.0";
    expect(failure(() => parseNvdCve20(version, "f", "cve"))).toMatch(/is "5.0", not a CVSS version fleetpatch reads/);
  });
});

describe("scoreVector", () => {
  it("scores with core's CVSS module, and keeps why a vector was refused", () => {
    expect(scoreVector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N")).toEqual({ score: 7.5 });
    expect(scoreVector("AV:N/AC:L/Au:N/C:P/I:N/A:N")).toEqual({ score: 5 });
    const refused = scoreVector("CVSS:3.1/AV:N/AC:L");
    expect(refused.score).toBeNull();
    expect(refused).toHaveProperty("reason", expect.stringMatching(/invalid CVSS vector/));
  });
});
