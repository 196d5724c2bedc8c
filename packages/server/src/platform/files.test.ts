import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { localFiles } from "./files.js";

const root = mkdtempSync(join(tmpdir(), "fleetpatch-files-"));
mkdirSync(join(root, "b"));
writeFileSync(join(root, "b", "2.json"), "{}");
writeFileSync(join(root, "1.json"), '{"a":1}');
writeFileSync(join(root, "notes.txt"), "x");
// Beside, not inside, the walked tree.
const pipes = mkdtempSync(join(tmpdir(), "fleetpatch-fifo-"));
execFileSync("mkfifo", [join(pipes, "pipe.json")]);
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(pipes, { recursive: true, force: true });
});

describe("the file port", () => {
  it("walks directories in sorted order for the wanted extensions, and keeps a named file whatever it is", async () => {
    const found = await localFiles.walk([root, join(root, "notes.txt")], [".json"]);
    expect(found.map((file) => [file.path.slice(root.length), file.explicit])).toEqual([
      ["/1.json", false],
      ["/b/2.json", false],
      ["/notes.txt", true],
    ]);
  });

  it("reads text and streams bytes, with one readable error for what is not a file", async () => {
    expect(await localFiles.readText(join(root, "1.json"))).toBe('{"a":1}');
    const chunks: Buffer[] = [];
    for await (const chunk of await localFiles.openStream(join(root, "1.json"))) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString("utf8")).toBe('{"a":1}');
    await expect(localFiles.readText(join(root, "b"))).rejects.toThrow(/b: is a directory, not a file$/);
    await expect(localFiles.openStream(join(root, "b"))).rejects.toThrow(/is a directory/);
    await expect(localFiles.openStream(join(root, "missing.json"))).rejects.toThrow(
      /missing\.json: cannot read file: no such file$/,
    );
  });
});
