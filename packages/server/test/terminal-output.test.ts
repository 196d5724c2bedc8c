import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { newId } from "../src/store/batch.js";
import { openTestContext, runCliCaptured } from "./support/context.js";

/**
 * Issue 7, item 6, for data already stored: imports refuse control characters now (item 9), but
 * a database written by an older version, another tool or by hand may hold them. Listing such a
 * name must not drive the terminal.
 */
const folder = mkdtempSync(join(tmpdir(), "fleetpatch-terminal-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("listing names stored with control characters", () => {
  it("prints them escaped in tables and unchanged in JSON", async () => {
    const db = join(folder, "stored.db");
    const hostile = "gw\u001b]0;pwned\u0007\u001b[2J\u202e";
    const context = await openTestContext(db);
    try {
      const now = new Date().toISOString();
      await context.database.db
        .insertInto("assets")
        .values({
          id: newId(),
          name: hostile,
          type: "iot",
          version: null,
          source: "cyclonedx",
          created_at: now,
          updated_at: now,
        })
        .execute();
    } finally {
      await context.close();
    }
    const table = await runCliCaptured(["--db", db, "assets"]);
    expect(table.code).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence.
    expect(table.stdout).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e](?<!\n)/);
    expect(table.stdout).toContain("gw\\u001b]0;pwned\\u0007\\u001b[2J\\u202e");
    const json = await runCliCaptured(["--db", db, "assets", "--format", "json"]);
    expect((JSON.parse(json.stdout) as Array<{ name: string }>)[0]?.name).toBe(hostile);
  });
});
