import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cycloneDxBomText } from "./factories.js";
import { runFleetpatch } from "./support/processes.js";

/**
 * Issue 7, item 13 (and the database side of item 10): which database a command opens, that a
 * read-only command never creates one, that a read-only file can be read, and that permission
 * problems are one line with exit 1. Run as real processes, because the working directory and the
 * user are what is tested.
 */

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) {
    chmodSync(folder, 0o755);
    rmSync(folder, { recursive: true, force: true });
  }
});

function scratch(): string {
  const folder = mkdtempSync(join(tmpdir(), "fleetpatch-target-"));
  chmodSync(folder, 0o755);
  folders.push(folder);
  return folder;
}

/**
 * Permissions do not stop root, and these tests run as root in CI: there the command runs as
 * `nobody`, which the files below do not belong to.
 */
const asOtherUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

describe("the database a command opens", () => {
  it("refuses an unknown URL scheme and creates no folder named after it", async () => {
    const cwd = scratch();
    const result = await runFleetpatch(["--db", "postgress://db.example/fleet", "findings"], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unsupported database URL scheme "postgress:"/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("a read-only command on a missing database says so and creates neither the file nor its folder", async () => {
    const cwd = scratch();
    const result = await runFleetpatch(["--db", join(cwd, "data", "fleet.db"), "findings"], { cwd });
    expect(result.stderr).toBe(
      `error: no fleetpatch database at ${join(cwd, "data", "fleet.db")}; import an SBOM or advisories first, or name another with --db / FLEETPATCH_DATABASE_URL\n`,
    );
    expect(result.code).toBe(1);
    expect(existsSync(join(cwd, "data"))).toBe(false);
    // The default database is named the same way.
    const fallback = await runFleetpatch(["findings"], { cwd });
    expect(fallback.code).toBe(1);
    expect(fallback.stderr).toContain(join(cwd, "fleetpatch-data", "fleetpatch.db"));
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("reads a database the user may not write", async () => {
    const folder = scratch();
    const db = join(folder, "fleet.db");
    writeFileSync(join(folder, "gw.json"), cycloneDxBomText("gw", [{ name: "a", version: "1", purl: "pkg:npm/a@1" }]));
    expect((await runFleetpatch(["--db", db, "import", join(folder, "gw.json")])).code).toBe(0);
    chmodSync(db, 0o444);
    chmodSync(folder, 0o555);
    const result = await runFleetpatch(["--db", db, "findings", "--format", "json"], asOtherUser);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
    // Writing is refused in one line.
    const write = await runFleetpatch(["--db", db, "match"], asOtherUser);
    expect(write.code).toBe(1);
    expect(write.stderr).toMatch(/^error: .*(read-only|permission denied).*\n$/);
  });

  it("a database path the user may not create is one line with exit 1, not a stack", async () => {
    const folder = scratch();
    const locked = join(folder, "locked");
    mkdirSync(locked, { mode: 0o500 });
    chmodSync(locked, 0o500);
    const result = await runFleetpatch(["--db", join(locked, "sub", "fleet.db"), "match"], asOtherUser);
    expect(result.stderr).toMatch(/^error: cannot open SQLite database .*fleet\.db: permission denied/);
    expect(result.stderr.split("\n").length).toBe(2);
    expect(result.code).toBe(1);
  });
});
