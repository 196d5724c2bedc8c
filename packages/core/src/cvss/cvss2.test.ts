import { describe, expect, it } from "vitest";
import { scoreCvssV2 } from "./cvss2.js";

describe("CVSS v2.0 scores", () => {
  it("scores the worst base vector 10.0, high", () => {
    expect(scoreCvssV2("AV:N/AC:L/Au:N/C:C/I:C/A:C")).toMatchObject({
      baseScore: 10,
      temporalScore: null,
      environmentalScore: null,
      baseSeverity: "high",
    });
  });
  it("scores no impact 0 whatever the access", () => {
    expect(scoreCvssV2("AV:N/AC:L/Au:N/C:N/I:N/A:N").baseScore).toBe(0);
  });
  it("rounds the exact temporal product 9.0 × 0.95 = 8.55 up to 8.6", () => {
    expect(scoreCvssV2("AV:N/AC:L/Au:S/C:C/I:C/A:C/E:F/RL:U/RC:C")).toMatchObject({
      baseScore: 9,
      temporalScore: 8.6,
      environmentalScore: null,
    });
  });
  it("reads absent temporal and environmental metrics as Not Defined", () => {
    const scores = scoreCvssV2("AV:L/AC:L/Au:S/C:P/I:P/A:P/E:U/RC:C/CDP:LM/TD:L/IR:H/AR:M");
    expect([scores.baseScore, scores.temporalScore, scores.environmentalScore]).toEqual([4.3, 3.7, 1.5]);
    expect(scores.environmentalSeverity).toBe("low");
  });
  it("gives an environmental score when only requirements are set", () => {
    expect(scoreCvssV2("AV:N/AC:M/Au:M/C:C/I:N/A:P/RL:W/RC:UC/CDP:LM/TD:M/CR:L/IR:L/AR:L")).toMatchObject({
      baseScore: 6.4,
      temporalScore: 5.5,
      environmentalScore: 4,
      environmentalSeverity: "medium",
    });
  });
});
