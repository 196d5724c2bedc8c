import { constants } from "node:fs";
import { type FileHandle, open, readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import type { Readable } from "node:stream";
import { InputError } from "@fleetpatch/core";

/** The file-system side of imports: read a file, walk directories. Services reach files only through this port. */
export interface FileSource {
  /** The whole file as UTF-8; file-system errors become one readable InputError naming the path. */
  readText(path: string): Promise<string>;
  /**
   * Expand files and directories into the files to read, in a stable (sorted) order. Directories
   * are searched recursively for `extensions`; a path given explicitly is returned whatever its
   * extension, so the caller can say what is wrong with it.
   */
  walk(paths: readonly string[], extensions: readonly string[]): Promise<WalkedFile[]>;
  /**
   * The file as a byte stream, for importers of files too large to hold (feed archives, 300k-
   * component SBOMs); opening errors become the same InputError as readText's.
   */
  openStream(path: string): Promise<Readable>;
}

/** A file found by a walk. */
export interface WalkedFile {
  readonly path: string;
  /** True when the path was given, not found inside a directory. */
  readonly explicit: boolean;
  /** The lowercased extension with its dot (`.json`). */
  readonly extension: string;
}

/** Read a whole file as UTF-8, turning file-system errors into one readable InputError. */
export async function readInputFile(path: string): Promise<string> {
  const handle = await openRegularFile(path);
  try {
    return await handle.readFile("utf8");
  } catch (error) {
    throw fileError(error, path);
  } finally {
    await handle.close();
  }
}

/**
 * Open a path for reading only if it is a regular file. O_NONBLOCK makes opening a FIFO return at
 * once instead of waiting for a writer that may never come; the fstat on the open handle then
 * refuses it, a directory or a device, without a race between checking and reading.
 */
async function openRegularFile(path: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw fileError(error, path);
  }
  const info = await handle.stat();
  if (info.isFile()) return handle;
  await handle.close();
  throw new InputError(info.isDirectory() ? "is a directory, not a file" : "is not a regular file", { location: path });
}

/** A file-system error as the one readable InputError a user can act on. */
function fileError(error: unknown, path: string): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EISDIR") return new InputError("is a directory, not a file", { location: path });
  const reason =
    code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (error as Error).message;
  return new InputError(`cannot read file: ${reason}`, { location: path, cause: error });
}

async function openStream(path: string): Promise<Readable> {
  const handle = await openRegularFile(path);
  return handle.createReadStream({ autoClose: true });
}

async function walk(paths: readonly string[], extensions: readonly string[]): Promise<WalkedFile[]> {
  const wanted = new Set(extensions.map((extension) => extension.toLowerCase()));
  const files: WalkedFile[] = [];
  // `isDirectory` comes from readdir's entry types where it can, so a walk over thousands of
  // records stats only the paths given and symbolic links (which stat follows).
  const visit = async (path: string, explicit: boolean, isDirectory?: boolean): Promise<void> => {
    if (isDirectory === undefined) {
      try {
        isDirectory = (await stat(path)).isDirectory();
      } catch {
        throw new InputError("cannot read: no such file or directory", { location: path });
      }
    }
    if (isDirectory) {
      const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
      );
      for (const entry of entries) {
        const known = entry.isSymbolicLink() ? undefined : entry.isDirectory();
        await visit(join(path, entry.name), false, known);
      }
      return;
    }
    const extension = extname(path).toLowerCase();
    if (explicit || wanted.has(extension)) files.push({ path, explicit, extension });
  };
  for (const path of paths) await visit(path, true);
  return files;
}

/** The real file system. */
export const localFiles: FileSource = { readText: readInputFile, walk, openStream };
