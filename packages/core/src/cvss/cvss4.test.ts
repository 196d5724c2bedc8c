import { describe, expect, it } from "vitest";
import { CVSS_V4_GRAMMAR, parseCvssV4, scoreCvssV4 } from "./cvss4.js";

const BASE = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N";

/** Put a vector's fields in specification order (Red Hat's examples list them loosely). */
function inSpecificationOrder(vector: string): string {
  const order = Object.keys(CVSS_V4_GRAMMAR.metrics);
  const fields = vector.slice("CVSS:4.0/".length).split("/");
  const position = (field: string) => order.indexOf(field.split(":")[0] ?? "");
  return `CVSS:4.0/${fields.sort((a, b) => position(a) - position(b)).join("/")}`;
}

describe("CVSS v4.0 scores", () => {
  it("scores a base vector from the MacroVector table", () => {
    expect(scoreCvssV4(BASE)).toMatchObject({
      score: 8.7,
      severity: "high",
      nomenclature: "CVSS-B",
      macroVector: "001200",
    });
  });
  it("lowers the score for a low availability requirement (CVSS-BE)", () => {
    expect(scoreCvssV4(`${BASE}/AR:L`)).toMatchObject({ score: 7.9, nomenclature: "CVSS-BE" });
  });
  it("reads modified subsequent-system metrics", () => {
    expect(scoreCvssV4("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/MSI:H").score).toBe(7.7);
  });
  it("scores no impact on either system 0, rated none", () => {
    expect(scoreCvssV4("CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N")).toMatchObject({
      score: 0,
      severity: "none",
    });
  });
  it("labels threat metrics CVSS-BT and both groups CVSS-BTE; supplemental metrics change nothing", () => {
    expect(scoreCvssV4(`${BASE}/E:U`).nomenclature).toBe("CVSS-BT");
    expect(scoreCvssV4(`${BASE}/E:U/CR:L`).nomenclature).toBe("CVSS-BTE");
    expect(scoreCvssV4(`${BASE}/E:X/CR:X`).nomenclature).toBe("CVSS-B");
    expect(scoreCvssV4(`${BASE}/S:P/AU:Y/R:I/V:C/RE:H/U:Red`)).toMatchObject({ score: 8.7, nomenclature: "CVSS-B" });
  });
  it("rates severities like the reference examples", () => {
    const examples: [string, string][] = [
      [
        "CVSS:4.0/AV:L/AC:H/AT:P/PR:N/UI:P/VC:H/VI:N/VA:N/SC:N/SI:N/AU:N/SA:N/S:P/R:A/V:D/RE:L/U:Red/MAV:L/MAC:L/MAT:N/MPR:L/MUI:A/MVC:L/MVI:N/MVA:H/MSC:H/MSI:L/MSA:N/CR:H/IR:L/AR:L/E:P",
        "low",
      ],
      [
        "CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:P/VC:N/VI:L/VA:L/SC:H/SI:N/AU:Y/SA:N/S:N/R:I/V:C/RE:M/U:Amber/MAV:L/MAC:H/MAT:P/MPR:N/MUI:P/MVC:L/MVI:N/MVA:H/MSC:H/MSI:H/MSA:S/CR:M/IR:M/AR:M/E:A",
        "high",
      ],
      [
        "CVSS:4.0/AV:A/AC:H/AT:N/PR:H/UI:A/VC:H/VI:N/VA:H/SC:L/SI:N/AU:N/SA:H/S:P/R:I/V:D/RE:M/U:Red/MAV:N/MAC:L/MAT:N/MPR:N/MUI:N/MVC:H/MVI:H/MVA:H/MSC:H/MSI:S/MSA:S/CR:H/IR:H/AR:H/E:U",
        "critical",
      ],
      [
        "CVSS:4.0/AV:L/AC:H/AT:N/PR:N/UI:N/VC:L/VI:N/VA:H/SC:L/SI:H/AU:N/SA:H/S:P/R:U/V:C/RE:H/U:Red/MAV:L/MAC:L/MAT:P/MPR:L/MUI:P/MVC:N/MVI:N/MVA:N/MSC:N/MSI:N/MSA:N/CR:H/IR:H/AR:H/E:P",
        "none",
      ],
      ["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:L/SI:L/SA:L", "medium"],
    ];
    for (const [vector, severity] of examples)
      expect(scoreCvssV4(inSpecificationOrder(vector)).severity).toBe(severity);
  });
  it("scores a parsed vector the same as its string", () => {
    const vector = `${BASE}/E:P/MAV:L`;
    expect(scoreCvssV4(parseCvssV4(vector))).toEqual(scoreCvssV4(vector));
  });
});
