import { describe, expect, it } from "vitest";
import type { Advisory } from "../matching/advisory.js";
import { planAdvisoryChanges } from "./advisory-planner.js";

function advisory(id: string, modified: string, summary = ""): Advisory {
  return {
    id,
    preferredId: id,
    aliases: [],
    summary,
    published: null,
    modified,
    withdrawn: null,
    affected: [],
    record: "{}",
  };
}

describe("the advisory write plan", () => {
  it("inserts new ids, replaces older stored versions, and counts unchanged and older records", () => {
    const stored = new Map([
      ["A", "2024-05-01T00:00:00Z"],
      ["B", "2024-05-01T00:00:00Z"],
      ["C", "2024-05-01T00:00:00Z"],
    ]);
    const plan = planAdvisoryChanges(stored, [
      advisory("A", "2024-06-01T00:00:00Z"),
      advisory("B", "2024-05-01T00:00:00Z"),
      advisory("C", "2023-01-01T00:00:00Z"),
      advisory("D", "2020-01-01T00:00:00Z"),
    ]);
    expect(plan.insert.map((entry) => entry.id)).toEqual(["D"]);
    expect(plan.replace.map((entry) => entry.id)).toEqual(["A"]);
    expect(plan).toMatchObject({ unchanged: 1, older: 1 });
  });

  it("keeps the newest of several versions of one id in an import, whatever their order", () => {
    const versions = [
      advisory("A", "2024-01-01T00:00:00Z", "first"),
      advisory("A", "2024-03-01T00:00:00Z", "newest"),
      advisory("A", "2024-02-01T00:00:00Z", "middle"),
    ];
    for (const order of [versions, [...versions].reverse()]) {
      const plan = planAdvisoryChanges(new Map(), order);
      expect(plan.insert.map((entry) => entry.summary)).toEqual(["newest"]);
      expect(plan).toMatchObject({ unchanged: 0, older: 2 });
    }
  });

  it("reads the same instant as the same version: the first of an import is kept, the stored one stays", () => {
    const plan = planAdvisoryChanges(new Map([["B", "2024-05-01T00:00:00Z"]]), [
      advisory("A", "2024-05-01T00:00:00Z", "first"),
      advisory("A", "2024-05-01T02:00:00+02:00", "second"),
      advisory("B", "2024-05-01T00:00:00.000Z", "edited without a new modified"),
    ]);
    expect(plan.insert.map((entry) => entry.summary)).toEqual(["first"]);
    expect(plan).toMatchObject({ replace: [], unchanged: 2, older: 0 });
  });

  it("replaces a stored version whose modified is not RFC 3339", () => {
    const plan = planAdvisoryChanges(new Map([["A", "yesterday"]]), [advisory("A", "2020-01-01T00:00:00Z")]);
    expect(plan.replace.map((entry) => entry.id)).toEqual(["A"]);
  });

  it("names the record when a source hands over a modified that is not RFC 3339", () => {
    expect(() => planAdvisoryChanges(new Map(), [advisory("A", "2024-05-01")])).toThrow(
      'record A: modified "2024-05-01" is not an RFC 3339 timestamp',
    );
  });
});
