import { describe, expect, it } from "vitest";
import { scoreCvssV3 } from "./cvss3.js";

function severities(vector: string) {
  const scores = scoreCvssV3(vector);
  return [scores.baseSeverity, scores.temporalSeverity, scores.environmentalSeverity];
}

describe("CVSS v3.x scores", () => {
  it("scores the classic network RCE 9.8, critical", () => {
    expect(scoreCvssV3("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).toMatchObject({
      baseScore: 9.8,
      temporalScore: 9.8,
      environmentalScore: 9.8,
      baseSeverity: "critical",
    });
  });
  it("rounds up exact values: 7.46 becomes 7.5, not 7.4", () => {
    expect(scoreCvssV3("CVSS:3.0/AV:L/AC:H/PR:L/UI:N/S:C/C:H/I:H/A:N").baseScore).toBe(7.5);
    expect(scoreCvssV3("CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:C/C:H/I:H/A:N").baseScore).toBe(7.5);
  });
  it("scores no impact 0 and rates it none", () => {
    expect(severities("CVSS:3.0/AV:N/AC:H/PR:L/UI:N/S:C/C:N/I:N/A:N")).toEqual(["none", "none", "none"]);
  });
  it("rates temporal and environmental scores separately", () => {
    expect(
      severities("CVSS:3.0/AV:P/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:N/E:H/RC:U/CR:M/MAV:P/MAC:L/MUI:R/MC:N/MI:N"),
    ).toEqual(["medium", "low", "none"]);
    expect(severities("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L/E:P/CR:L/IR:L/AR:L/MAV:P")).toEqual([
      "high",
      "medium",
      "low",
    ]);
  });
  it("uses the v3.1 modified-impact formula for a changed modified scope", () => {
    // Same metrics in both versions; v3.1's 0.9731 factor and exponent 13 lift the score a tenth.
    const metrics = "AV:P/AC:H/PR:H/UI:R/S:C/C:H/I:H/A:H/CR:H";
    expect(scoreCvssV3(`CVSS:3.0/${metrics}`).environmentalScore).toBe(6.8);
    expect(scoreCvssV3(`CVSS:3.1/${metrics}`).environmentalScore).toBe(6.9);
  });
  it("weighs PR by the modified scope in the environmental score", () => {
    const unchanged = scoreCvssV3("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H");
    const changed = scoreCvssV3("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H/MS:C");
    expect(unchanged.environmentalScore).toBe(8.8);
    // 1.08 × (6.128… + 8.22 × 0.85 × 0.77 × 0.68 × 0.85) = 9.977 rounds up to 10.0 with PR:L at 0.68.
    expect(changed.environmentalScore).toBe(10);
  });
});
