import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor.js";

describe("page cursors", () => {
  it("round-trip any strings, non-ASCII included, as URL-safe text", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme" })), (parts) => {
        const cursor = encodeCursor(parts);
        expect(cursor).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(decodeCursor(cursor)).toEqual(parts);
      }),
    );
  });

  it.each(["not a cursor!", "e30", encodeCursor([]).slice(1), "WzFd"])("refuses %j", (cursor) => {
    // e30 is {} and WzFd is [1]: JSON, but not a list of strings.
    expect(decodeCursor(cursor)).toBeUndefined();
  });
});
