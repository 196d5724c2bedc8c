import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/app/cli-program.js";
import type { CliIo } from "../src/cli/cli-io.js";
import { cycloneDxBomText, osvRecord } from "./factories.js";
import { openTestContext } from "./support/context.js";

/**
 * Issue 7, item 5: `fleetpatch findings --format json` on a large listing printed nothing until
 * the whole array was built (15 minutes for 1 M findings). It now streams page by page, as JSON,
 * NDJSON or a table; the output is the same document.
 */

const FINDINGS = 5_000;
let folder: string;
let db: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "fleetpatch-output-"));
  db = join(folder, "fleet.db");
  const components = Array.from({ length: FINDINGS }, (_, index) => ({
    name: "left-pad",
    version: `1.0.${index}`,
    purl: `pkg:npm/left-pad@1.0.${index}`,
  }));
  writeFileSync(join(folder, "gw.json"), cycloneDxBomText("gw", components));
  const advisory = osvRecord({
    id: "GHSA-pad-0000",
    ecosystem: "npm",
    name: "left-pad",
    events: [{ introduced: "0" }],
  });
  writeFileSync(join(folder, "GHSA-pad-0000.json"), JSON.stringify(advisory));
  const context = await openTestContext(db);
  try {
    await context.inventory.importSbomFiles([join(folder, "gw.json")]);
    await context.intel.importPaths("osv", [join(folder, "GHSA-pad-0000.json")]);
    expect((await context.findings.match()).opened).toBe(FINDINGS);
  } finally {
    await context.close();
  }
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Run the CLI keeping every write separately. */
async function run(args: string[]): Promise<{ code: number; writes: string[]; stderr: string }> {
  const writes: string[] = [];
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (text: string) => writes.push(text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { FLEETPATCH_LOG_LEVEL: "silent" },
    readStdin: async () => "",
    untilStopped: async () => {},
  };
  const code = await runCli(["--db", db, ...args], io);
  return { code, writes, stderr };
}

describe("fleetpatch findings output", () => {
  it("streams --format json in several writes that together are the whole array", async () => {
    const result = await run(["findings", "--format", "json"]);
    expect(result.code).toBe(0);
    expect(result.writes.length).toBeGreaterThan(2);
    // No write holds the whole listing: memory stays at a page.
    expect(Math.max(...result.writes.map((text) => text.length))).toBeLessThan(result.writes.join("").length / 2);
    const findings = JSON.parse(result.writes.join(""));
    expect(findings).toHaveLength(FINDINGS);
    expect(new Set(findings.map((finding: { id: string }) => finding.id)).size).toBe(FINDINGS);
    // The same document JSON.stringify would print.
    expect(result.writes.join("")).toBe(`${JSON.stringify(findings, null, 2)}\n`);
  });

  it("offers NDJSON: one finding per line", async () => {
    const result = await run(["findings", "--format", "ndjson"]);
    expect(result.code).toBe(0);
    const lines = result.writes.join("").trimEnd().split("\n");
    expect(lines).toHaveLength(FINDINGS);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({ asset: "gw", vulnerability: "GHSA-pad-0000" });
  });

  it("streams the table too, with its count last", async () => {
    const result = await run(["findings"]);
    expect(result.code).toBe(0);
    expect(result.writes.length).toBeGreaterThan(2);
    const lines = result.writes.join("").trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ASSET\s+COMPONENT\s+VERSION\s+VULNERABILITY/);
    expect(lines).toHaveLength(FINDINGS + 2);
    expect(lines.at(-1)).toBe(`${FINDINGS} findings`);
  });

  it("prints an empty JSON array for an empty listing", async () => {
    const result = await run(["findings", "--format", "json", "--status", "resolved"]);
    expect(result.writes.join("")).toBe("[]\n");
  });
});
