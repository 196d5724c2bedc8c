import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { fileError, firstInvalidUtf8Offset, localFiles } from "./files.js";

const root = mkdtempSync(join(tmpdir(), "fleetpatch-files-"));
mkdirSync(join(root, "b"));
writeFileSync(join(root, "b", "2.json"), "{}");
writeFileSync(join(root, "1.json"), '{"a":1}');
writeFileSync(join(root, "notes.txt"), "x");
// Beside, not inside, the walked tree.
const pipes = mkdtempSync(join(tmpdir(), "fleetpatch-fifo-"));
execFileSync("mkfifo", [join(pipes, "pipe.json")]);
const scratch = mkdtempSync(join(tmpdir(), "fleetpatch-files-scratch-"));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(pipes, { recursive: true, force: true });
  chmodSync(scratch, 0o755);
  rmSync(scratch, { recursive: true, force: true });
});

/** A fresh folder under the scratch folder. */
function folder(name: string): string {
  const path = join(scratch, name);
  mkdirSync(path, { recursive: true });
  return path;
}

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

  it("refuses a FIFO and a device at once instead of waiting for a writer", async () => {
    const fifo = join(pipes, "pipe.json");
    await expect(localFiles.readText(fifo)).rejects.toThrow(`${fifo}: is not a regular file`);
    await expect(localFiles.openStream(fifo)).rejects.toThrow(`${fifo}: is not a regular file`);
    await expect(localFiles.readText("/dev/zero")).rejects.toThrow("/dev/zero: is not a regular file");
  });

  it("names a symbolic link loop in a walk instead of calling it a missing file", async () => {
    const tree = folder("loop");
    mkdirSync(join(tree, "records"));
    writeFileSync(join(tree, "records", "a.json"), "{}");
    symlinkSync("..", join(tree, "records", "up"));
    await expect(localFiles.walk([tree], [".json"])).rejects.toThrow(
      `${join(tree, "records", "up")}: symbolic link loop: this leads back to ${tree}, which is being walked already`,
    );
    // A link to itself the kernel resolves as ELOOP.
    const self = folder("self");
    symlinkSync("me", join(self, "me"));
    await expect(localFiles.walk([self], [".json"])).rejects.toThrow(
      `${join(self, "me")}: cannot read: too many levels of symbolic links (a symbolic link loop)`,
    );
  });

  it("walks a directory reached twice through links once, and names a dangling link", async () => {
    const tree = folder("aliases");
    mkdirSync(join(tree, "real"));
    writeFileSync(join(tree, "real", "a.json"), "{}");
    symlinkSync("real", join(tree, "z-alias"));
    const found = await localFiles.walk([tree], [".json"]);
    expect(found.map((file) => file.path.slice(tree.length))).toEqual(["/real/a.json"]);
    symlinkSync("/nonexistent/target.json", join(tree, "dangling.json"));
    await expect(localFiles.walk([tree], [".json"])).rejects.toThrow(
      `${join(tree, "dangling.json")}: cannot read: a symbolic link to /nonexistent/target.json, which does not exist`,
    );
  });

  it("names the offset of the first byte that is not UTF-8 instead of replacing it", async () => {
    const file = join(folder("latin1"), "latin1.json");
    writeFileSync(file, Buffer.concat([Buffer.from('{\n "name": "caf'), Buffer.from([0xe9]), Buffer.from('"\n}')]));
    await expect(localFiles.readText(file)).rejects.toThrow(
      `${file}: not UTF-8 text: the byte 0xE9 at byte offset 15 (line 2) is not valid UTF-8; save the file as UTF-8`,
    );
    const utf16 = join(folder("utf16"), "utf16.json");
    writeFileSync(utf16, Buffer.from("\ufeff{}", "utf16le"));
    await expect(localFiles.readText(utf16)).rejects.toThrow(/utf16\.json: this is UTF-16 text/);
  });

  it("accepts a UTF-8 byte-order mark and drops it", async () => {
    const file = join(folder("bom"), "bom.json");
    writeFileSync(file, Buffer.from("\ufeff{}", "utf8"));
    expect(await localFiles.readText(file)).toBe("{}");
  });

  it("decompresses gzip where the caller allows it and names it, never echoes it, where not", async () => {
    const file = join(folder("gzip"), "sbom.json.gz");
    writeFileSync(file, gzipSync('{"a":"é"}'));
    expect(await localFiles.readText(file, { gunzip: true })).toBe('{"a":"é"}');
    await expect(localFiles.readText(file)).rejects.toThrow(
      `${file}: this is gzip-compressed data, which this import does not read; decompress it first (gunzip)`,
    );
    const zip = join(folder("zip"), "a.json");
    writeFileSync(zip, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x1b, 0x5b]));
    await expect(localFiles.readText(zip, { gunzip: true })).rejects.toThrow(
      `${zip}: this is a ZIP archive, which this import does not read; unpack it first`,
    );
  });

  it("stops decompressing a gzip bomb at the limit, and refuses a file over the limit unread", async () => {
    const bomb = join(folder("bomb"), "bomb.json.gz");
    writeFileSync(bomb, gzipSync(Buffer.alloc(64 * 1024 * 1024)));
    await expect(localFiles.readText(bomb, { gunzip: true, maxBytes: 1024 * 1024 })).rejects.toThrow(
      `${bomb}: the gzip data decompresses to more than 1 MiB, the limit for this import; refused as a possible decompression bomb`,
    );
    const damaged = join(folder("damaged"), "damaged.json.gz");
    writeFileSync(damaged, gzipSync("{}").subarray(0, 12));
    await expect(localFiles.readText(damaged, { gunzip: true })).rejects.toThrow(
      /damaged\.json\.gz: the gzip data is damaged/,
    );
    const big = join(folder("big"), "big.json");
    writeFileSync(big, Buffer.alloc(2 * 1024 * 1024, 0x20));
    await expect(localFiles.readText(big, { maxBytes: 1024 * 1024 })).rejects.toThrow(
      `${big}: the file is 2 MiB; the limit for this import is 1 MiB`,
    );
  });

  it("makes an EPERM from a real file-system call one readable line", () => {
    const dir = folder("eperm-dir");
    let error: unknown;
    try {
      // Hard links to directories are refused with EPERM on Linux, for root too.
      linkSync(dir, join(scratch, "eperm-link"));
    } catch (caught) {
      error = caught;
    }
    expect((error as NodeJS.ErrnoException).code).toBe("EPERM");
    expect(fileError(error, "/x/input.json").message).toBe("/x/input.json: cannot read file: operation not permitted");
  });
});

/**
 * EACCES needs a user the permission bits apply to; root ignores them. As root, the probe runs as
 * `nobody` (uid 65534); as anyone else, as itself. Either way the error is the kernel's own.
 */
describe("the file port on unreadable input", () => {
  const filesModule = fileURLToPath(new URL("./files.ts", import.meta.url));
  const asRoot = process.getuid?.() === 0;

  /** Run `code` (an ES module body with `localFiles` in scope) as an unprivileged user; what it prints. */
  function probe(code: string): { stdout: string; stderr: string; status: number | null } {
    const script = `import { localFiles } from ${JSON.stringify(filesModule)};\n${code}`;
    const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
      // The package folder, where `tsx` resolves.
      cwd: fileURLToPath(new URL("../../", import.meta.url)),
      env: { ...process.env, HOME: scratch },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    return { stdout: result.stdout, stderr: result.stderr, status: result.status };
  }

  it("says permission denied in one line for a chmod 000 file and an unreadable directory in a walk", () => {
    const base = folder("eacces");
    chmodSync(scratch, 0o755);
    chmodSync(base, 0o755);
    const file = join(base, "secret.json");
    writeFileSync(file, "{}");
    chmodSync(file, 0o000);
    mkdirSync(join(base, "tree", "locked"), { recursive: true });
    writeFileSync(join(base, "tree", "locked", "a.json"), "{}");
    chmodSync(join(base, "tree"), 0o755);
    chmodSync(join(base, "tree", "locked"), 0o000);
    const run = probe(`
      for (const attempt of [() => localFiles.readText(${JSON.stringify(file)}), () => localFiles.walk([${JSON.stringify(join(base, "tree"))}], [".json"])]) {
        try { await attempt(); console.log("read it"); } catch (error) { console.log(error.constructor.name + ": " + error.message); }
      }`);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(
      `InputError: ${file}: cannot read file: permission denied\n` +
        `InputError: ${join(base, "tree", "locked")}: cannot read: permission denied\n`,
    );
  });
});

describe("firstInvalidUtf8Offset", () => {
  it.each([
    ["valid ASCII and multi-byte text", Buffer.from("aé€😀"), -1],
    ["a Latin-1 byte", Buffer.from([0x61, 0xe9, 0x62]), 1],
    ["an overlong encoding of '/'", Buffer.from([0x61, 0xc0, 0xaf]), 1],
    ["an encoded surrogate", Buffer.from([0xed, 0xa0, 0x80]), 0],
    ["a code point beyond U+10FFFF", Buffer.from([0xf4, 0x90, 0x80, 0x80]), 0],
    ["a sequence cut short at the end", Buffer.from([0x61, 0x62, 0xe2, 0x82]), 2],
    ["a stray continuation byte", Buffer.from([0x80]), 0],
  ])("finds %s", (_, bytes, offset) => {
    expect(firstInvalidUtf8Offset(bytes)).toBe(offset);
    // The strict decoder agrees on what is valid.
    let valid = true;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      valid = false;
    }
    expect(valid).toBe(offset === -1);
  });
});
