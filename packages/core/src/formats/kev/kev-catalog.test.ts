import { describe, expect, it } from "vitest";
import { KevCsvReader, looksLikeKevCsv, looksLikeKevJson, parseKevJson } from "./kev-catalog.js";

const entry = {
  cveID: "CVE-2024-8068",
  vendorProject: "Citrix",
  product: "Session Recording",
  vulnerabilityName: "Citrix Session Recording Improper Privilege Management Vulnerability",
  dateAdded: "2025-08-25",
  shortDescription: "Citrix Session Recording contains an improper privilege management vulnerability.",
  requiredAction: "Apply mitigations per vendor instructions.",
  dueDate: "2025-09-15",
  knownRansomwareCampaignUse: "Unknown",
  notes: "https://nvd.nist.gov/vuln/detail/CVE-2024-8068",
  cwes: ["CWE-269"],
};
const catalog = (entries: unknown[], count = entries.length) => ({
  catalogVersion: "2025.08.25",
  dateReleased: "2025-08-25T17:04:19.9796Z",
  count,
  vulnerabilities: entries,
});

function readCsv(text: string) {
  const reader = new KevCsvReader("kev.csv");
  for (const [index, line] of text.split("\n").entries()) reader.line(line, index + 1);
  return reader.end();
}

describe("CISA KEV catalog", () => {
  it("reads the JSON catalog, complete when its count is its length", () => {
    expect(parseKevJson(catalog([entry]), "kev.json")).toMatchObject({
      catalogVersion: "2025.08.25",
      complete: true,
      entries: [{ cveId: "CVE-2024-8068", cwes: ["CWE-269"], knownRansomwareCampaignUse: "Unknown" }],
    });
    expect(parseKevJson(catalog([entry], 2), "kev.json").complete).toBe(false);
  });

  it("refuses a bad CVE id, a bad date and a CVE listed twice, naming the entry and field", () => {
    expect(() => parseKevJson(catalog([{ ...entry, cveID: "CVE-24-1" }]), "kev.json")).toThrow(
      "kev.json: vulnerabilities[0].cveID: is not a CVE id (CVE-YYYY-NNNN)",
    );
    expect(() => parseKevJson(catalog([{ ...entry, dueDate: "2025-13-01" }]), "kev.json")).toThrow(
      "kev.json: vulnerabilities[0].dueDate: is not a date (YYYY-MM-DD)",
    );
    expect(() => parseKevJson(catalog([entry, entry]), "kev.json")).toThrow(
      "kev.json: vulnerabilities[1]: CVE-2024-8068 is listed twice in the catalog",
    );
  });

  it("refuses fields past their limits and prose with escapes, but keeps line breaks in prose", () => {
    expect(() => parseKevJson(catalog([{ ...entry, notes: "x".repeat(70_000) }]), "kev.json")).toThrow(
      "kev.json: vulnerabilities[0].notes: is 70,000 characters long; the limit is 65,536",
    );
    expect(() => parseKevJson(catalog([{ ...entry, shortDescription: "a\u009bb" }]), "kev.json")).toThrow(
      "kev.json: vulnerabilities[0].shortDescription: contains the control character U+009B",
    );
    expect(parseKevJson(catalog([{ ...entry, notes: "a\nb" }]), "kev.json").entries[0]?.notes).toBe("a\nb");
  });

  it("reads the CSV with quoted fields spanning lines and a list of CWEs", () => {
    const csv = [
      "cveID,vendorProject,product,vulnerabilityName,dateAdded,shortDescription,requiredAction,dueDate,knownRansomwareCampaignUse,notes,cwes",
      'CVE-2024-8068,Citrix,"Session Recording","A ""quoted"" name",2025-08-25,"two',
      'lines",act,2025-09-15,Known,,"CWE-269, CWE-20"',
      "",
    ].join("\n");
    expect(readCsv(csv).entries).toEqual([
      {
        cveId: "CVE-2024-8068",
        vendorProject: "Citrix",
        product: "Session Recording",
        vulnerabilityName: 'A "quoted" name',
        dateAdded: "2025-08-25",
        shortDescription: "two\nlines",
        requiredAction: "act",
        dueDate: "2025-09-15",
        knownRansomwareCampaignUse: "Known",
        notes: "",
        cwes: ["CWE-269", "CWE-20"],
      },
    ]);
  });

  it("refuses an unknown CSV column, a missing one, a short row and an unclosed quote", () => {
    expect(() => readCsv("cveID,vendorProject,severity\n")).toThrow(
      'kev.csv: unknown KEV CSV column "severity"; known: cveID, vendorProject, product',
    );
    expect(() => readCsv("cveID,vendorProject\n")).toThrow('kev.csv: the KEV CSV column "product" is missing');
    const header = "cveID,vendorProject,product,vulnerabilityName,dateAdded,shortDescription,requiredAction,dueDate";
    expect(() => readCsv(`${header}\nCVE-2024-8068,Citrix\n`)).toThrow("kev.csv: line 2: 2 fields; the header has 8");
    expect(() => readCsv(`${header}\nCVE-2024-8068,"Citrix\n`)).toThrow(
      "kev.csv: line 2: a quoted field that is never closed",
    );
  });

  it("tells the KEV JSON catalog and CSV from other files by their first characters", () => {
    expect(looksLikeKevJson('{\n    "title": "CISA Catalog",\n    "catalogVersion": "2025.08.25"')).toBe(true);
    expect(looksLikeKevJson('{"id": "GO-2020-0001", "modified": "2024-01-01T00:00:00Z"}')).toBe(false);
    expect(looksLikeKevCsv("cveID,vendorProject,product\n")).toBe(true);
    expect(looksLikeKevCsv("cve,epss,percentile\n")).toBe(false);
  });
});
