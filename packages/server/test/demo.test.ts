import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startCli, waitForExit, waitForOutput } from "./support/cli-process.js";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

/** Start the CLI and remember to stop it after the test. */
function cli(args: string[], cwd: string, env: Record<string, string> = {}): ChildProcess {
  const child = startCli(args, cwd, env);
  children.push(child);
  return child;
}

/** Run a CLI command to its end: what it printed and its exit status. */
async function run(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = cli(args, cwd, env);
  let stdout = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  const { code, stderr } = await waitForExit(child);
  return { code, stdout, stderr };
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
    const plain = await run(["assets"], cwd);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe(
      "note: using the default database fleetpatch-data/fleetpatch.db, which does not exist yet (--db or FLEETPATCH_DATABASE_URL names another)\n" +
        "note: the demo's database is fleetpatch-data/demo.db: fleetpatch --db fleetpatch-data/demo.db findings\n",
    );
    // Under npx (npm sets npm_command=exec) the commands are printed as they must be typed there.
    // (A read-only command may have created the default database; it must not exist again here.)
    for (const suffix of ["", "-wal", "-shm"])
      rmSync(join(cwd, "fleetpatch-data", `fleetpatch.db${suffix}`), { force: true });
    const npx = await run(["users", "list"], cwd, { npm_command: "exec" });
    expect(npx.stderr).toContain("note: the demo's database is fleetpatch-data/demo.db: npx fleetpatch --db");
  });

  it("prints the version", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "fleetpatch-version-"));
    const child = cli(["--version"], cwd);
    expect((await waitForOutput(child, /\n/)).trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
