import { describe, expect, it } from "vitest";
import {
  ceiling,
  compare,
  decimal,
  decimalFromDouble,
  multiply,
  power,
  roundHalfUp,
  subtract,
  toNumber,
} from "./exact-decimal.js";

describe("exact decimal arithmetic", () => {
  it("multiplies without the binary error that misrounds 9.0 × 0.95", () => {
    expect(9.0 * 0.95).toBeLessThan(8.55);
    expect(toNumber(roundHalfUp(multiply(decimal("9.0"), decimal("0.95")), 1))).toBe(8.6);
  });
  it("rounds halves away from zero", () => {
    expect(toNumber(roundHalfUp(decimal("2.25"), 1))).toBe(2.3);
    expect(toNumber(roundHalfUp(decimal("-2.25"), 1))).toBe(-2.3);
    expect(toNumber(roundHalfUp(decimal("2.2499"), 1))).toBe(2.2);
  });
  it("takes the ceiling to one decimal, leaving whole tenths alone", () => {
    expect(toNumber(ceiling(decimal("4.02"), 1))).toBe(4.1);
    expect(toNumber(ceiling(decimal("4.00000"), 1))).toBe(4);
    expect(toNumber(ceiling(decimal("-0.21808"), 1))).toBe(-0.2);
  });
  it("raises to integer powers exactly", () => {
    expect(compare(power(decimal("0.5"), 3), decimal("0.125"))).toBe(0);
    expect(toNumber(subtract(decimal("1"), power(decimal("0.1"), 2)))).toBe(0.99);
  });
  it("reads a double's exact binary value", () => {
    const tenth = decimalFromDouble(0.1);
    expect(compare(tenth, decimal("0.1"))).toBe(1);
    expect(compare(tenth, decimal("0.1000000000000000055511151231257827021181583404541015625"))).toBe(0);
    expect(toNumber(decimalFromDouble(-3))).toBe(-3);
  });
  it("rejects text that is not a decimal literal", () => {
    expect(() => decimal("1e3")).toThrow(RangeError);
  });
});
