import { describe, expect, it } from "vitest";
import { compareInstants, parseRfc3339 } from "./rfc3339.js";

function compare(a: string, b: string): number {
  const left = parseRfc3339(a);
  const right = parseRfc3339(b);
  if (!left || !right) throw new Error(`not RFC 3339: ${left ? b : a}`);
  return Math.sign(compareInstants(left, right));
}

describe("RFC 3339 timestamps as instants", () => {
  it.each([
    "2024-05-01T00:00:00Z",
    "2024-05-01t00:00:00z",
    "2024-05-01T00:00:00.123456789Z",
    "2024-05-01T01:00:00+02:00",
    "2024-05-01T01:00:00-00:00",
    "2024-02-29T23:59:59Z",
    "2016-12-31T23:59:60Z",
    "0001-01-01T00:00:00Z",
  ])("reads %s", (text) => {
    expect(parseRfc3339(text)).toBeDefined();
  });

  it.each([
    ["a date alone", "2024-05-01"],
    ["no offset", "2024-05-01T00:00:00"],
    ["a space for T", "2024-05-01 00:00:00Z"],
    ["month 13", "2024-13-01T00:00:00Z"],
    ["February 30th", "2024-02-30T00:00:00Z"],
    ["February 29th of a common year", "2023-02-29T00:00:00Z"],
    ["hour 24", "2024-05-01T24:00:00Z"],
    ["minute 60", "2024-05-01T00:60:00Z"],
    ["an offset of 24 hours", "2024-05-01T00:00:00+24:00"],
    ["an offset without a colon", "2024-05-01T00:00:00+0200"],
    ["an empty fraction", "2024-05-01T00:00:00.Z"],
    ["a two-digit year", "24-05-01T00:00:00Z"],
    ["trailing text", "2024-05-01T00:00:00Z and more"],
    ["absurd length", `2024-05-01T00:00:00.${"1".repeat(100)}Z`],
  ])("refuses %s", (_what, text) => {
    expect(parseRfc3339(text)).toBeUndefined();
  });

  it("orders by instant, not by text", () => {
    expect(compare("2024-05-01T01:00:00+02:00", "2024-05-01T00:00:00Z")).toBe(-1);
    expect(compare("2024-04-30T23:30:00-01:00", "2024-05-01T00:00:00Z")).toBe(1);
    expect(compare("2024-05-01T02:00:00.000+02:00", "2024-05-01T00:00:00Z")).toBe(0);
  });

  it("orders fractions digit by digit, beyond millisecond precision", () => {
    expect(compare("2024-05-01T00:00:00.5Z", "2024-05-01T00:00:00.500000Z")).toBe(0);
    expect(compare("2024-05-01T00:00:00.1234567Z", "2024-05-01T00:00:00.1234568Z")).toBe(-1);
    expect(compare("2024-05-01T00:00:00.09Z", "2024-05-01T00:00:00.1Z")).toBe(-1);
    expect(compare("2024-05-01T00:00:01Z", "2024-05-01T00:00:00.999999Z")).toBe(1);
  });

  it("tells the Z designator from an equivalent offset", () => {
    expect(parseRfc3339("2024-05-01T00:00:00Z")?.zulu).toBe(true);
    expect(parseRfc3339("2024-05-01T00:00:00+00:00")?.zulu).toBe(false);
  });

  it("reads years before 100 as themselves", () => {
    expect(compare("0099-01-01T00:00:00Z", "1999-01-01T00:00:00Z")).toBe(-1);
  });
});
