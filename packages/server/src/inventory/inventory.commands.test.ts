import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { cycloneDxBom, cycloneDxBomText, repeatedComponentBomText } from "../../test/factories.js";
import { FIXTURES, runCliCaptured, TEST_FIXTURES } from "../../test/support/context.js";

const scratch = mkdtempSync(join(tmpdir(), "fleetpatch-import-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const sbom231 = join(FIXTURES, "demo", "sboms", "edge-gateway-2.3.1.cdx.json");

let databases = 0;
/** `fleetpatch import …` against a database of its own. */
function importing(...args: string[]) {
  return runCliCaptured(["--db", join(scratch, `db-${++databases}.db`), "import", ...args]);
}

/** A file in the scratch folder. */
function file(name: string, content: string | Buffer): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

describe("fleetpatch import on awkward input (issue 7)", () => {
  it("imports a gzipped CycloneDX file (item 10)", async () => {
    const gz = file("edge-gateway.cdx.json.gz", gzipSync(readFileSync(sbom231)));
    expect(await importing(gz)).toEqual({
      code: 0,
      stdout: "created asset gw-berlin-01: 10 components (+10 ~0 −0)\n",
      stderr: "",
    });
  });

  it("refuses a gzip bomb in one line, without decompressing it whole (item 10)", async () => {
    // 300 MiB of zeros in about 300 KiB: past the 256 MiB limit for an SBOM.
    const bomb = file("bomb.json.gz", gzipSync(Buffer.alloc(300 * 1024 * 1024), { level: 9 }));
    expect(await importing(bomb)).toEqual({
      code: 1,
      stdout: "",
      stderr: `error: ${bomb}: the gzip data decompresses to more than 256 MiB, the limit for this import; refused as a possible decompression bomb\n`,
    });
  });

  it("names the byte offset of Latin-1 text instead of importing U+FFFD (item 10)", async () => {
    const text = cycloneDxBomText("gw", [{ name: "caf\u00e9", version: "1" }]);
    const latin1 = file("latin1.json", Buffer.from(text, "latin1"));
    const offset = Buffer.from(text.slice(0, text.indexOf("\u00e9")), "latin1").length;
    expect(await importing(latin1)).toEqual({
      code: 1,
      stdout: "",
      stderr: `error: ${latin1}: not UTF-8 text: the byte 0xE9 at byte offset ${offset} (line 1) is not valid UTF-8; save the file as UTF-8\n`,
    });
  });

  it("prints identity conflicts as warnings on stderr and says when entries were collapsed (items 4, 12)", async () => {
    const conflicting = file(
      "conflict.json",
      cycloneDxBomText("gw", [{ name: "left-pad", version: "2.0.0", purl: "pkg:npm/left-pad@1.0.0" }]),
    );
    expect(await importing(conflicting)).toEqual({
      code: 0,
      stdout: "created asset gw: 1 components (+1 ~0 −0)\n",
      stderr: `warning: ${conflicting}: components[0]: version "2.0.0" disagrees with the PURL's version "1.0.0"; matching uses the PURL's\n`,
    });
    const repeated = file("repeated.json", repeatedComponentBomText("gw", { name: "a", version: "1" }, 1000));
    expect(await importing(repeated)).toMatchObject({
      code: 0,
      stdout: "created asset gw: 1 components from 1000 entries (identical entries collapsed) (+1 ~0 −0)\n",
    });
  });

  it("refuses a VEX document and names the option for an SBOM without a subject (items 8, 15)", async () => {
    const vex = join(TEST_FIXTURES, "cyclonedx", "vex.json");
    const refused = await importing(vex, "--asset", "gw");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^error: .*vex\.json: this CycloneDX document lists 1 vulnerability and no components/,
    );
    const bare = file("bare.json", JSON.stringify({ ...cycloneDxBom("gw", [{ name: "a" }]), metadata: {} }));
    expect(await importing(bare)).toMatchObject({
      code: 1,
      stderr: `error: ${bare}: the SBOM has no metadata.component to name the asset; name it with --asset NAME\n`,
    });
    expect((await importing(bare, sbom231, "--asset", "gw")).stderr).toBe(
      "error: --asset NAME names one asset, so give exactly one SBOM with it\n",
    );
  });

  it("calls an empty file empty", async () => {
    const empty = file("empty.json", "");
    expect((await importing(empty)).stderr).toBe(
      `error: ${empty}: this is an empty document; fleetpatch imports CycloneDX 1.2–1.7 JSON\n`,
    );
  });
});
