import { describe, expect, it } from "vitest";
import { newId } from "./batch.js";

describe("newId", () => {
  it("makes RFC 9562 version-7 UUIDs whose order follows time", async () => {
    const first = newId();
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const millis = Number.parseInt(first.replace(/-/g, "").slice(0, 12), 16);
    expect(Math.abs(millis - Date.now())).toBeLessThan(5000);
    await new Promise((resolve) => setTimeout(resolve, 3));
    expect(newId() > first).toBe(true);
    expect(new Set(Array.from({ length: 10_000 }, newId)).size).toBe(10_000);
  });
});

describe("newId within one millisecond", () => {
  it("sorts in the order the ids were made, even 20,000 at once", () => {
    const ids = Array.from({ length: 20_000 }, newId);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
