import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const MAIN = fileURLToPath(new URL("../src/app/main.ts", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** Start the real CLI as a separate process, from its TypeScript sources. */
function startCli(args: string[], cwd: string): ChildProcess {
  return spawn(process.execPath, ["--import", TSX, MAIN, ...args], {
    cwd,
    env: { ...process.env, FLEETPATCH_LOG_LEVEL: "warn", FLEETPATCH_DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Collect stdout until `pattern` matches or the process ends. */
function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`timed out; stdout: ${out}\nstderr: ${err}`)), timeoutMs);
    child.stdout?.on("data", (chunk) => {
      out += chunk;
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.stderr?.on("data", (chunk) => {
      err += chunk;
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before output matched; stdout: ${out}\nstderr: ${err}`));
    });
  });
}

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  child = undefined;
});

describe("fleetpatch demo", () => {
  it("builds the demo database, prints an admin token and serves findings until stopped", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "fleetpatch-demo-"));
    child = startCli(["demo", "--port", "0"], cwd);
    const output = await waitForOutput(child, /press Ctrl-C to stop/);
    const api = /API:\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/v1/.exec(output)?.[1];
    const token = /admin token: (fpt_\S+)/.exec(output)?.[1];
    expect(api).toBeDefined();
    expect(token).toBeDefined();
    expect(output).toContain("database:    fleetpatch-data/demo.db");
    expect(output).toMatch(/findings:\s+33\n\s+gw-berlin-01: 32\n\s+gw-hamburg-02: 1\n/);

    const response = await fetch(`${api}/api/v1/findings?limit=1000&total=true`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { total: number; items: Array<{ vulnerability: string }> };
    expect(body.total).toBe(33);
    expect(body.items.map((item) => item.vulnerability)).toContain("CVE-2023-48795");
    expect((await fetch(`${api}/api/v1/findings`)).status).toBe(401);

    const exited = new Promise<number | null>((resolve) => child?.on("exit", resolve));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });

  it("prints the version", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "fleetpatch-version-"));
    child = startCli(["--version"], cwd);
    expect((await waitForOutput(child, /\n/)).trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
