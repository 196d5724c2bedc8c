import { describe, expect, it } from "vitest";
import { InputError } from "../errors/app-error.js";
import { parseCvss } from "./cvss.js";
import { type CvssVectorProblem, InvalidCvssVectorError } from "./cvss-errors.js";
import { parseCvssV2 } from "./cvss2.js";
import { parseCvssV3 } from "./cvss3.js";
import { parseCvssV4 } from "./cvss4.js";

/** What a strict parser reports for `vector`: the reason and the metric at fault. */
function rejection(
  parse: (vector: string) => unknown,
  vector: string,
): { reason: CvssVectorProblem; metric: string | null } {
  try {
    parse(vector);
  } catch (error) {
    if (error instanceof InvalidCvssVectorError) return { reason: error.reason, metric: error.metric };
    throw error;
  }
  throw new Error(`accepted ${vector}`);
}

const V2 = "AV:A/AC:L/Au:M/C:C/I:P/A:C";
const V3 = "CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:C/C:H/I:H/A:N";
const V4 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N";

describe("strict CVSS vector parsing", () => {
  it("throws an InputError with the stable invalid_input code", () => {
    let thrown: unknown;
    try {
      parseCvssV3("CVSS:3.0/AV:W/AC:H/PR:H/UI:R/S:C/C:H/I:H/A:N");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect(thrown).toMatchObject({ code: "invalid_input", name: "InvalidCvssVectorError", metric: "AV" });
    expect((thrown as Error).message).toContain('"W" is not a value of AV');
  });

  it("rejects an empty vector without blaming a metric", () => {
    expect(rejection(parseCvss, "")).toEqual({ reason: "empty-vector", metric: null });
    expect(rejection(parseCvssV4, "")).toEqual({ reason: "empty-vector", metric: null });
  });

  it("names a duplicated metric, whether or not the values agree", () => {
    expect(rejection(parseCvssV2, "AV:A/AV:A/AC:L/Au:M/C:C/I:P/A:C")).toEqual({
      reason: "duplicate-metric",
      metric: "AV",
    });
    expect(rejection(parseCvssV3, "CVSS:3.0/AV:P/AV:L/AC:H/PR:H/UI:R/S:C/C:H/I:H/A:N")).toEqual({
      reason: "duplicate-metric",
      metric: "AV",
    });
    expect(rejection(parseCvssV4, `${V4.replace("/SA:N", "")}/SI:H`)).toEqual({
      reason: "duplicate-metric",
      metric: "SI",
    });
  });

  it("names the missing mandatory metric", () => {
    expect(rejection(parseCvssV2, "AV:L/AC:L/Au:M/C:C/I:P/TD:M")).toEqual({ reason: "missing-metric", metric: "A" });
    expect(rejection(parseCvssV3, "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H")).toEqual({
      reason: "missing-metric",
      metric: "S",
    });
    expect(rejection(parseCvssV4, "CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N")).toEqual({
      reason: "missing-metric",
      metric: "AT",
    });
  });

  it("names the metric whose value is unknown", () => {
    expect(rejection(parseCvssV2, "AV:W/AC:L/Au:M/C:C/I:P/A:C")).toEqual({ reason: "unknown-value", metric: "AV" });
    expect(rejection(parseCvssV4, V4.replace("SA:N", "SA:J"))).toEqual({ reason: "unknown-value", metric: "SA" });
    // S (Safety) exists only on the modified subsequent-system metrics, not on the base SI.
    expect(rejection(parseCvssV4, V4.replace("SI:N", "SI:S"))).toEqual({ reason: "unknown-value", metric: "SI" });
    // X (Not Defined) is for optional metrics; a base metric must be given.
    expect(rejection(parseCvssV3, V3.replace("AV:P", "AV:X"))).toEqual({ reason: "unknown-value", metric: "AV" });
    // v2 spells Not Defined "ND", not v3's "X".
    expect(rejection(parseCvssV2, `${V2}/E:X`)).toEqual({ reason: "unknown-value", metric: "E" });
  });

  it("names an unknown metric", () => {
    expect(rejection(parseCvssV2, "AX:A/AC:L/Au:M/C:C/I:P/A:C")).toEqual({ reason: "unknown-metric", metric: "AX" });
    expect(rejection(parseCvssV4, `${V4}/JJ:H`)).toEqual({ reason: "unknown-metric", metric: "JJ" });
    // Metric names are case-sensitive: v2's Au is not AU.
    expect(rejection(parseCvssV2, "AV:A/AC:L/AU:M/C:C/I:P/A:C")).toEqual({ reason: "unknown-metric", metric: "AU" });
  });

  it("rejects a missing, wrong or unsupported version prefix", () => {
    expect(rejection(parseCvssV3, "AV:P/AC:H/PR:H/UI:R/S:C/C:H/I:H/A:N")).toEqual({
      reason: "unsupported-prefix",
      metric: "CVSS",
    });
    expect(rejection(parseCvssV3, V3.replace("3.0", "3.2"))).toEqual({ reason: "unsupported-prefix", metric: "CVSS" });
    expect(rejection(parseCvssV4, V3)).toEqual({ reason: "unsupported-prefix", metric: "CVSS" });
    expect(rejection(parseCvss, `CVSS:2.0/${V2}`)).toEqual({ reason: "unsupported-prefix", metric: "CVSS" });
    expect(rejection(parseCvss, "CVSS:4.0")).toEqual({ reason: "unsupported-prefix", metric: "CVSS" });
  });

  it("rejects fields that are empty or not METRIC:VALUE", () => {
    expect(rejection(parseCvssV3, "CVSS:3.0//AC:H/PR:H/UI:R/S:U/C:L/I:N/A:L")).toEqual({
      reason: "empty-field",
      metric: null,
    });
    expect(rejection(parseCvssV2, `${V2}/`)).toEqual({ reason: "empty-field", metric: null });
    expect(rejection(parseCvssV3, `${V3}/MCL`)).toEqual({ reason: "malformed-field", metric: "MCL" });
    expect(rejection(parseCvssV3, `${V3}/MC:L:H`)).toEqual({ reason: "malformed-field", metric: "MC" });
    expect(rejection(parseCvssV2, "AV:/AC:L/Au:M/C:C/I:P/A:C")).toEqual({ reason: "malformed-field", metric: "AV" });
  });

  it("enforces the predetermined order of v2 and v4 and names the metric out of place", () => {
    expect(rejection(parseCvssV2, "AV:A/AC:H/Au:M/C:C/I:N/A:C/CR:ND/IR:L/RL:W")).toEqual({
      reason: "out-of-order",
      metric: "RL",
    });
    expect(rejection(parseCvssV2, "AC:L/AV:A/Au:M/C:C/I:P/A:C")).toEqual({ reason: "out-of-order", metric: "AV" });
    expect(rejection(parseCvssV4, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/AU:N/SA:N")).toEqual({
      reason: "out-of-order",
      metric: "SA",
    });
    expect(rejection(parseCvssV4, `${V4}/CR:H/E:A`)).toEqual({ reason: "out-of-order", metric: "E" });
  });

  it("accepts v3 metrics in any order, as the v3.0 and v3.1 specifications allow", () => {
    const parsed = parseCvssV3(
      "CVSS:3.0/S:C/C:H/I:H/A:N/AV:P/AC:H/PR:H/UI:R/E:H/RL:O/RC:R/CR:H/IR:X/AR:X/MAC:H/MPR:X/MUI:X/MC:L/MA:X",
    );
    expect(parsed.canonical).toBe("CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:C/C:H/I:H/A:N/E:H/RL:O/RC:R/CR:H/MAC:H/MC:L");
  });

  it("accepts explicit Not Defined values and drops them from the canonical form", () => {
    expect(parseCvssV2("AV:A/AC:L/Au:M/C:C/I:P/A:C/E:ND/CDP:ND/TD:M/IR:H/AR:H").canonical).toBe(
      "AV:A/AC:L/Au:M/C:C/I:P/A:C/TD:M/IR:H/AR:H",
    );
    expect(parseCvssV4(`${V4}/E:X/CR:X/MSI:S/U:X`).canonical).toBe(`${V4}/MSI:S`);
  });

  it("dispatches on the prefix, reading unprefixed vectors as v2", () => {
    expect(parseCvss(V2).version).toBe("2.0");
    expect(parseCvss(V3).version).toBe("3.0");
    expect(parseCvss(V3.replace("3.0", "3.1")).version).toBe("3.1");
    expect(parseCvss(V4).version).toBe("4.0");
  });
});
