import { describe, expect, it } from "vitest";
import { planRevisions, type Revision } from "./revision-planner.js";

const revision = (id: string, modified: string, digest = `${id}@${modified}`): Revision => ({ id, modified, digest });

describe("planRevisions", () => {
  it("inserts new ids, replaces only with newer revisions, and counts the rest", () => {
    const stored = new Map([
      ["A", revision("A", "2024-01-01T00:00:00.000Z")],
      ["B", revision("B", "2024-01-01T00:00:00.000Z")],
      ["C", revision("C", "2024-06-01T00:00:00.000Z")],
      ["D", revision("D", "2024-01-01T00:00:00.000Z", "d1")],
    ]);
    const plan = planRevisions(stored, [
      revision("A", "2024-01-01T00:00:00.000Z"),
      revision("B", "2024-02-01T00:00:00.000Z"),
      revision("C", "2024-05-01T00:00:00.000Z"),
      // The same instant in other bytes (a 1.1 feed and an API page of the same revision): unchanged.
      revision("D", "2024-01-01T00:00:00.000Z", "d2"),
      revision("E", "2024-01-01T00:00:00.000Z"),
    ]);
    expect(plan.insert.map((r) => r.id)).toEqual(["E"]);
    expect(plan.replace.map((r) => r.id)).toEqual(["B"]);
    expect(plan.unchanged).toBe(2);
    expect(plan.older).toBe(1);
  });

  it("replaces a record that states no instant whenever its bytes differ", () => {
    const stored = new Map([["A", revision("A", "", "a1")]]);
    expect(planRevisions(stored, [revision("A", "", "a1")]).unchanged).toBe(1);
    expect(planRevisions(stored, [revision("A", "", "a2")]).replace).toHaveLength(1);
    expect(planRevisions(stored, [revision("A", "2024-01-01T00:00:00.000Z", "a3")]).replace).toHaveLength(1);
  });

  it("keeps the newest revision of an id that a batch holds twice, in either order", () => {
    const older = revision("A", "2024-01-01T00:00:00.000Z");
    const newer = revision("A", "2024-03-01T00:00:00.000Z");
    for (const batch of [
      [older, newer],
      [newer, older],
    ]) {
      const plan = planRevisions(new Map(), batch);
      expect(plan.insert).toEqual([newer]);
      expect(plan.older).toBe(1);
    }
    expect(planRevisions(new Map(), [older, older]).unchanged).toBe(1);
  });
});
