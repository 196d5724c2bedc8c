import { createHash } from "node:crypto";
import { constants, type Dirent } from "node:fs";
import { type FileHandle, lstat, open, readdir, readlink, realpath, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import type { Readable } from "node:stream";
import { promisify } from "node:util";
import { createGunzip, Gunzip, gunzip } from "node:zlib";
import { InputError } from "@fleetpatch/core";

/** How readText reads a file. */
export interface ReadTextOptions {
  /**
   * Decompress gzip input (recognised by its magic bytes, whatever the file is called) instead of
   * refusing it; for formats whose files are commonly shipped compressed (`sbom.json.gz`).
   */
  readonly gunzip?: boolean;
  /** The most bytes the file, or gzip's output, may hold (default DEFAULT_MAX_TEXT_BYTES). */
  readonly maxBytes?: number;
  /**
   * How messages name the file when the user knows it by another name than its path (a request
   * body spooled to a temporary file is "request body").
   */
  readonly location?: string;
}

/** The file-system side of imports: read a file, walk directories. Services reach files only through this port. */
export interface FileSource {
  /**
   * The whole file as UTF-8 text; file-system errors, binary or compressed content, bytes that are
   * not UTF-8 and sizes over the limit become one readable InputError naming the path.
   */
  readText(path: string, options?: ReadTextOptions): Promise<string>;
  /**
   * Expand files and directories into the files to read, in a stable (sorted) order. Directories
   * are searched recursively for `extensions`; a path given explicitly is returned whatever its
   * extension, so the caller can say what is wrong with it. A symbolic link that leads back into
   * a directory being walked is refused as a loop.
   */
  walk(paths: readonly string[], extensions: readonly string[]): Promise<WalkedFile[]>;
  /**
   * The file as a byte stream, for importers of files too large to hold (feed archives, 300k-
   * component SBOMs); opening errors become the same InputError as readText's.
   */
  openStream(path: string): Promise<Readable>;
  /**
   * The file's lines as they stream in (line breaks dropped, a trailing `\r` too), never the whole
   * file in memory: strict UTF-8, gzip decompressed on the fly when `gunzip` is set (by magic
   * bytes), at most `maxBytes` of (decompressed) data and `maxLineLength` characters a line — a
   * gzip bomb or a file without line breaks is refused at the limit, not at the heap's.
   */
  readLines(path: string, options?: StreamLinesOptions): AsyncIterable<string>;
  /** The first `maxChars` characters or so of the file (decompressed if gzip), for telling formats apart; invalid UTF-8 is replaced. */
  readHead(path: string, maxChars: number): Promise<string>;
  /**
   * The file's bytes as they stream in, gzip decompressed on the fly when `gunzip` is set, at
   * most `maxBytes` (decompressed); for parsers that find their own boundaries (JSON feeds).
   */
  readChunks(path: string, options?: ReadTextOptions): AsyncIterable<Uint8Array>;
  /** SHA-256 (base64url) and size of the file's bytes as stored: the same file again is recognised unread. */
  fingerprint(path: string): Promise<FileFingerprint>;
}

/** What identifies a file's content. */
export interface FileFingerprint {
  /** SHA-256 of the bytes as stored (compressed when gzip), base64url. */
  readonly digest: string;
  readonly bytes: number;
}

/** How readLines reads a file. */
export interface StreamLinesOptions extends ReadTextOptions {
  /** The longest line accepted (default DEFAULT_MAX_LINE_LENGTH). */
  readonly maxLineLength?: number;
}

/** Lines longer than this are refused by readLines unless told otherwise. */
export const DEFAULT_MAX_LINE_LENGTH = 1024 * 1024;

/** A file found by a walk. */
export interface WalkedFile {
  readonly path: string;
  /** True when the path was given, not found inside a directory. */
  readonly explicit: boolean;
  /** The lowercased extension with its dot (`.json`). */
  readonly extension: string;
}

/** Just under V8's longest string (2^29 − 24 characters): a longer file cannot become text at all. */
export const DEFAULT_MAX_TEXT_BYTES = 512 * 1024 * 1024 - 64;

/** `12.3 MiB`. */
function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${bytes.toLocaleString("en-US")} bytes`;
  const mib = bytes / (1024 * 1024);
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}

/** Read a whole file as UTF-8 text, turning everything that is not readable text into one InputError. */
export async function readInputFile(path: string, options: ReadTextOptions = {}): Promise<string> {
  const { location } = options;
  if (location === undefined || location === path) return readTextAt(path, options);
  return readTextAt(path, options).catch((error: unknown) => {
    // Every refusal below names the path it read; the user knows the input by its location.
    if (error instanceof InputError && error.location === path) {
      throw new InputError(error.message.slice(path.length + 2), { location, cause: error });
    }
    throw error;
  });
}

async function readTextAt(path: string, options: ReadTextOptions): Promise<string> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_TEXT_BYTES;
  const { handle, bytes: fileBytes } = await openRegularFile(path);
  let bytes: Buffer;
  try {
    // Checked before reading: a 2 GB file is refused without reading it.
    if (fileBytes > maxBytes) {
      throw new InputError(`the file is ${size(fileBytes)}; the limit for this import is ${size(maxBytes)}`, {
        location: path,
      });
    }
    bytes = await handle.readFile();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw fileError(error, path);
  } finally {
    await handle.close();
  }
  const packed = compressionOf(bytes);
  if (packed === "gzip" && options.gunzip) {
    bytes = await gunzipCapped(bytes, maxBytes, path);
  } else if (packed !== null) {
    throw packedRefusal(packed, path);
  }
  return decodeUtf8(bytes, path);
}

/** Compressed or archived content an import does not read: named, never echoed (its bytes would garble the terminal). */
function packedRefusal(packed: NonNullable<ReturnType<typeof compressionOf>>, path: string): InputError {
  const what = packed === "ZIP" ? "a ZIP archive" : `${packed}-compressed data`;
  const hint = packed === "gzip" ? "decompress it first (gunzip)" : "unpack it first";
  return new InputError(`this is ${what}, which this import does not read; ${hint}`, { location: path });
}

/** The compression or archive format whose magic bytes `bytes` start with, if any. */
export function compressionOf(bytes: Uint8Array): "gzip" | "ZIP" | "xz" | "zstd" | "bzip2" | null {
  const starts = (...magic: number[]) => magic.every((byte, index) => bytes[index] === byte);
  if (starts(0x1f, 0x8b)) return "gzip";
  if (starts(0x50, 0x4b, 0x03, 0x04)) return "ZIP";
  if (starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return "xz";
  if (starts(0x28, 0xb5, 0x2f, 0xfd)) return "zstd";
  if (starts(0x42, 0x5a, 0x68)) return "bzip2";
  return null;
}

/**
 * Gunzip with a ceiling on the output: zlib stops as soon as it would produce more than
 * `maxBytes`, so a gzip bomb (a gigabyte of zeros in a megabyte) costs at most `maxBytes`.
 */
async function gunzipCapped(bytes: Buffer, maxBytes: number, path: string): Promise<Buffer> {
  try {
    return await promisify(gunzip)(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw new InputError(
        `the gzip data decompresses to more than ${size(maxBytes)}, the limit for this import; refused as a possible decompression bomb`,
        { location: path },
      );
    }
    throw new InputError(`the gzip data is damaged: ${(error as Error).message}`, { location: path, cause: error });
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * UTF-8 bytes as text, a leading byte-order mark dropped. Anything else is refused with the
 * offset of the first bad byte: silently replacing it with U+FFFD would store a name that no
 * advisory spells.
 */
function decodeUtf8(bytes: Uint8Array, path: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputError("this is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8", {
      location: path,
    });
  }
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    let line = 1;
    for (let index = 0; index < offset; index++) if (bytes[index] === 0x0a) line++;
    const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, "0");
    throw new InputError(
      `not UTF-8 text: the byte 0x${byte} at byte offset ${offset} (line ${line}) is not valid UTF-8; save the file as UTF-8`,
      { location: path },
    );
  }
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  for (let index = 0; index < bytes.length; ) {
    const lead = bytes[index] as number;
    if (lead < 0x80) {
      index++;
      continue;
    }
    // Sequence length and the range its second byte must fall in (no overlongs, no surrogates,
    // nothing beyond U+10FFFF).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return index;
    for (let next = 1; next < length; next++) {
      const byte = bytes[index + next];
      const min = next === 1 ? low : 0x80;
      const max = next === 1 ? high : 0xbf;
      if (byte === undefined || byte < min || byte > max) return index;
    }
    index += length;
  }
  return -1;
}

/**
 * Open a path for reading only if it is a regular file. O_NONBLOCK makes opening a FIFO return at
 * once instead of waiting for a writer that may never come; the fstat on the open handle then
 * refuses it, a directory or a device, without a race between checking and reading.
 */
async function openRegularFile(path: string): Promise<{ handle: FileHandle; bytes: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw fileError(error, path);
  }
  try {
    const info = await handle.stat();
    if (info.isFile()) return { handle, bytes: info.size };
    throw new InputError(info.isDirectory() ? "is a directory, not a file" : "is not a regular file", {
      location: path,
    });
  } catch (error) {
    await handle.close();
    throw error instanceof InputError ? error : fileError(error, path);
  }
}

/** Readable reasons for the errno codes a user can act on. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ELOOP: "too many levels of symbolic links (a symbolic link loop)",
  ENOTDIR: "a part of the path is not a directory",
  ENAMETOOLONG: "the path is too long",
  EMFILE: "too many open files",
  EIO: "input/output error",
};

/**
 * A file-system error as the one readable InputError a user can act on: permission errors,
 * missing files and loops are the user's to fix, never a crash with a stack.
 */
export function fileError(error: unknown, path: string): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EISDIR") return new InputError("is a directory, not a file", { location: path });
  const reason = code === "ENOENT" ? "no such file" : reasonOf(error);
  return new InputError(`cannot read file: ${reason}`, { location: path, cause: error });
}

/** The readable reason of a file-system error; Node's own message (which repeats the path) otherwise. */
function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return (code && REASONS[code]) ?? (error as Error).message;
}

async function openStream(path: string): Promise<Readable> {
  const { handle } = await openRegularFile(path);
  return handle.createReadStream({ autoClose: true });
}

async function walk(paths: readonly string[], extensions: readonly string[]): Promise<WalkedFile[]> {
  const wanted = new Set(extensions.map((extension) => extension.toLowerCase()));
  const files: WalkedFile[] = [];
  // Directories by device and inode: those on the current path (a link back to one is a loop)
  // and all visited (a directory reached again through another link is walked once).
  const ancestors = new Map<string, string>();
  const visited = new Set<string>();
  // `isDirectory` comes from readdir's entry types where it can, so a walk over thousands of
  // records stats only directories, the paths given and symbolic links (which stat follows).
  const visit = async (path: string, explicit: boolean, isDirectory?: boolean): Promise<void> => {
    if (isDirectory === false) {
      const extension = extname(path).toLowerCase();
      if (explicit || wanted.has(extension)) files.push({ path, explicit, extension });
      return;
    }
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      throw await walkError(error, path);
    }
    if (!info.isDirectory()) return visit(path, explicit, false);
    const key = `${info.dev}:${info.ino}`;
    const ancestor = ancestors.get(key);
    if (ancestor !== undefined) {
      throw new InputError(
        `symbolic link loop: this leads back to ${await realpath(path).catch(() => ancestor)}, which is being walked already`,
        { location: path },
      );
    }
    if (visited.has(key)) return;
    visited.add(key);
    let entries: Dirent[];
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch (error) {
      throw await walkError(error, path);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    ancestors.set(key, path);
    for (const entry of entries) {
      const known = entry.isSymbolicLink() ? undefined : entry.isDirectory() ? undefined : false;
      await visit(join(path, entry.name), false, known);
    }
    ancestors.delete(key);
  };
  for (const path of paths) await visit(path, true);
  return files;
}

/** fileError for a walk, which also tells a symbolic link to nothing from a missing path. */
async function walkError(error: unknown, path: string): Promise<InputError> {
  let reason = reasonOf(error);
  if ((error as NodeJS.ErrnoException).code === "ENOENT") {
    const link = await lstat(path).then(
      (info) => info.isSymbolicLink(),
      () => false,
    );
    if (link) reason = `a symbolic link to ${await readlink(path)}, which does not exist`;
  }
  return new InputError(`cannot read: ${reason}`, { location: path, cause: error });
}

/** The bytes of a file, gunzipped on the fly when it is gzip and `gunzip` is set, capped at `maxBytes`. */
async function* fileBytes(path: string, options: ReadTextOptions): AsyncGenerator<Buffer> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_TEXT_BYTES;
  const { handle } = await openRegularFile(path);
  const magic = Buffer.alloc(8);
  let raw: Readable;
  try {
    const { bytesRead } = await handle.read(magic, 0, 8, 0);
    const packed = compressionOf(magic.subarray(0, bytesRead));
    if (packed !== null && !(packed === "gzip" && options.gunzip)) throw packedRefusal(packed, path);
    // Large reads and inflated chunks: a feed of hundreds of megabytes in 16 KiB pieces costs a
    // callback and a parser call per piece.
    raw = handle.createReadStream({ start: 0, autoClose: true, highWaterMark: 1024 * 1024 });
    if (packed === "gzip") {
      const inflater = createGunzip({ chunkSize: 256 * 1024 });
      raw = raw.pipe(inflater);
    }
  } catch (error) {
    await handle.close();
    throw error instanceof InputError ? error : fileError(error, path);
  }
  let total = 0;
  try {
    for await (const chunk of raw) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) {
        throw new InputError(
          `the data is more than ${size(maxBytes)}, the limit for this import${raw instanceof Gunzip ? " (after decompression); refused as a possible decompression bomb" : ""}`,
          { location: path },
        );
      }
      yield chunk as Buffer;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    if ((error as NodeJS.ErrnoException).code?.startsWith("Z_")) {
      throw new InputError(`the gzip data is damaged: ${(error as Error).message}`, { location: path, cause: error });
    }
    throw fileError(error, path);
  } finally {
    raw.destroy();
    await handle.close().catch(() => undefined);
  }
}

async function* readLines(path: string, options: StreamLinesOptions = {}): AsyncGenerator<string> {
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  let pending = "";
  let line = 1;
  const decode = (chunk: Buffer | undefined): string => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      throw new InputError(
        `not UTF-8 text: line ${line + (pending.match(/\n/g)?.length ?? 0)} holds a byte that is not valid UTF-8; save the file as UTF-8`,
        {
          location: path,
        },
      );
    }
  };
  const tooLong = () =>
    new InputError(`line ${line} is longer than ${maxLineLength.toLocaleString("en-US")} characters`, {
      location: path,
    });
  for await (const chunk of fileBytes(path, options)) {
    pending += decode(chunk);
    let start = 0;
    for (let end = pending.indexOf("\n"); end !== -1; end = pending.indexOf("\n", start)) {
      const text = pending.slice(start, end);
      if (text.length > maxLineLength) throw tooLong();
      yield text.endsWith("\r") ? text.slice(0, -1) : text;
      line++;
      start = end + 1;
    }
    pending = pending.slice(start);
    if (pending.length > maxLineLength) throw tooLong();
  }
  pending += decode(undefined);
  if (pending !== "") yield pending.endsWith("\r") ? pending.slice(0, -1) : pending;
}

async function readHead(path: string, maxChars: number): Promise<string> {
  const decoder = new TextDecoder("utf-8");
  let head = "";
  try {
    for await (const chunk of fileBytes(path, { gunzip: true })) {
      head += decoder.decode(chunk, { stream: true });
      if (head.length >= maxChars) break;
    }
  } catch (error) {
    // A damaged gzip tail or a size limit after the head does not matter to telling formats apart.
    if (head === "") throw error;
  }
  return head.slice(0, maxChars);
}

async function fingerprint(path: string): Promise<FileFingerprint> {
  const { handle } = await openRegularFile(path);
  const hash = createHash("sha256");
  let bytes = 0;
  try {
    for await (const chunk of handle.createReadStream({ start: 0, autoClose: false, highWaterMark: 1024 * 1024 })) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  } catch (error) {
    throw fileError(error, path);
  } finally {
    await handle.close().catch(() => undefined);
  }
  return { digest: hash.digest("base64url"), bytes };
}

/** The real file system. */
export const localFiles: FileSource = {
  readText: readInputFile,
  walk,
  openStream,
  readLines,
  readHead,
  readChunks: fileBytes,
  fingerprint,
};
