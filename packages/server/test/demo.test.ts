import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ProcessRun, runFleetpatch, startFleetpatch } from "./support/processes.js";

/** The tests run under npm, whose npm_command=exec would make the CLI print `npx fleetpatch`. */
const NOT_NPX = { npm_command: "" };

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

/** Start the CLI in `cwd` and remember to stop it after the test. */
function cli(args: string[], cwd: string): ChildProcess {
  const child = startFleetpatch(args, { cwd, env: NOT_NPX });
  children.push(child);
  return child;
}

/** Run a CLI command in `cwd` to its end. */
function run(args: string[], cwd: string, env: Record<string, string> = NOT_NPX): Promise<ProcessRun> {
  return runFleetpatch(args, { cwd, env });
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

describe("fleetpatch demo", () => {
  it("builds the demo database, prints an admin token and serves findings until stopped", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "fleetpatch-demo-"));
    const demo = cli(["demo", "--port", "0"], cwd);
    const output = await waitForOutput(demo, /press Ctrl-C to stop/);
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

    const exited = new Promise<number | null>((resolve) => demo.on("exit", resolve));
    demo.kill("SIGINT");
    expect(await exited).toBe(0);
  });

  it("says what to run next, and those commands read the demo's database while it serves", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "fleetpatch-demo-next-"));
    const demo = cli(["demo", "--port", "0"], cwd);
    const output = await waitForOutput(demo, /press Ctrl-C to stop/);
    expect(output).toContain(
      "  next, in another terminal in this folder (without --db, commands use fleetpatch-data/fleetpatch.db):\n" +
        "    fleetpatch --db fleetpatch-data/demo.db findings\n" +
        "    fleetpatch --db fleetpatch-data/demo.db findings --status all --format json\n" +
        "    fleetpatch --db fleetpatch-data/demo.db assets\n" +
        "    fleetpatch --db fleetpatch-data/demo.db tokens list\n" +
        "    export FLEETPATCH_DATABASE_URL=fleetpatch-data/demo.db    # to make it every command's database\n",
    );
    const commands = [...output.matchAll(/^ {4}fleetpatch (.+)$/gm)].map((match) => (match[1] ?? "").split(" "));
    expect(commands).toHaveLength(4);

    const [findings, json, assets, tokens] = await Promise.all(commands.map((args) => run(args, cwd)));
    expect(findings).toMatchObject({ code: 0, stderr: "" });
    expect(findings?.stdout).toMatch(/\n33 findings\n$/);
    expect(JSON.parse(json?.stdout ?? "")).toHaveLength(33);
    expect(assets?.stdout).toMatch(/gw-berlin-01[\s\S]*gw-hamburg-02/);
    expect(tokens?.stdout).toMatch(/\bdemo-admin\s+demo\b/);

    // Without --db a command opens the default database; it says so, and where the demo's is.
    const writer = await run(["match"], cwd);
    expect(writer.code).toBe(0);
    expect(writer.stderr).toBe(
      "note: using the default database fleetpatch-data/fleetpatch.db, which does not exist yet (--db or FLEETPATCH_DATABASE_URL names another)\n" +
        "note: the demo's database is fleetpatch-data/demo.db: fleetpatch --db fleetpatch-data/demo.db findings\n",
    );
    // A read-only command's error names the missing database itself; the note adds the demo's.
    for (const suffix of ["", "-wal", "-shm"])
      rmSync(join(cwd, "fleetpatch-data", `fleetpatch.db${suffix}`), { force: true });
    const reader = await run(["findings"], cwd);
    expect(reader.code).toBe(1);
    expect(reader.stderr).toMatch(
      /^note: the demo's database is fleetpatch-data\/demo\.db: fleetpatch --db fleetpatch-data\/demo\.db findings\nerror: no fleetpatch database at \S+fleetpatch-data\/fleetpatch\.db; /,
    );
    // Under npx (npm sets npm_command=exec) the commands are printed as they must be typed there.
    const npx = await run(["users", "list"], cwd, { npm_command: "exec" });
    expect(npx.stderr).toContain("note: the demo's database is fleetpatch-data/demo.db: npx fleetpatch --db");
  });

  it("prints the version", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "fleetpatch-version-"));
    const child = cli(["--version"], cwd);
    expect((await waitForOutput(child, /\n/)).trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
