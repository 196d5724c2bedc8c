import { describe, expect, it } from "vitest";
import { EpssCsvReader, looksLikeEpssCsv } from "./epss-csv.js";

function read(text: string, scoreDate: string | null = null) {
  const reader = new EpssCsvReader("epss.csv", scoreDate);
  const scores = text.split("\n").flatMap((line, index) => reader.line(line, index + 1) ?? []);
  return { scores, info: reader.info() };
}

describe("EPSS CSV", () => {
  it("reads the official file with its model version and score date; the file's date wins over one given", () => {
    const text =
      "#model_version:v2023.03.01,score_date:2025-02-20T00:00:00+0000\ncve,epss,percentile\nCVE-1999-0001,0.00383,0.73075\n";
    expect(read(text, "2026-01-01")).toEqual({
      scores: [{ cveId: "CVE-1999-0001", epss: 0.00383, percentile: 0.73075 }],
      info: { variant: "official", modelVersion: "v2023.03.01", scoreDate: "2025-02-20" },
    });
  });

  it("reads the header-less per-year variant, dated only when a date is given", () => {
    expect(read("CVE-2014-9998;0.011690000;0.647100000\n")).toEqual({
      scores: [{ cveId: "CVE-2014-9998", epss: 0.01169, percentile: 0.6471 }],
      info: { variant: "per-year", modelVersion: null, scoreDate: null },
    });
    expect(read("CVE-2014-9998;0.011690000;0.647100000", "2026-08-16").info.scoreDate).toBe("2026-08-16");
  });

  it("refuses a missing header, a score outside 0–1, a bad CVE id and a control character, naming the line", () => {
    expect(() => read("#model_version:v2023.03.01,score_date:2025-02-20\nCVE-1999-0001,0.1,0.2")).toThrow(
      'epss.csv: line 2: the header line "cve,epss,percentile" is missing after the #model_version line',
    );
    expect(() => read("#model_version:v2023.03.01,score_date:2025-02-20")).toThrow(
      'epss.csv: line 2: the header line "cve,epss,percentile" is missing',
    );
    expect(() => read("cve,epss,percentile\nCVE-1999-0001,1.2,0.2")).toThrow(
      'epss.csv: line 2: epss "1.2" is not a number from 0 to 1',
    );
    expect(() => read("CVE-1999-0001;0.1;0.2\nCVE-1999\u001b;0.1;0.2")).toThrow(
      'epss.csv: line 2: "CVE-1999\\u001b" is not a CVE id',
    );
    expect(() => read("cve,epss,percentile\nCVE-1999-0001,NaN,0.2")).toThrow('epss "NaN" is not a number from 0 to 1');
  });

  it("tells EPSS files by their first line", () => {
    expect(looksLikeEpssCsv("#model_version:v2023.03.01,score_date:2025-02-20T00:00:00+0000\ncve,epss")).toBe(true);
    expect(looksLikeEpssCsv("CVE-2014-9998;0.011690000;0.647100000\nCVE-2014-9997;0.1;0.2")).toBe(true);
    expect(looksLikeEpssCsv("cveID,vendorProject,product")).toBe(false);
  });
});
