import { readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { InputError, UnsupportedFormatError } from "@fleetpatch/core";
import type { Clock } from "../clock.js";
import { parseJsonText, readInputFile } from "../files/input-file.js";
import type { IntelStore, IntelWriteResult } from "./intel.store.js";
import { type ParsedOsvRecord, parseOsvDocument } from "./osv.parser.js";

/** Called as files are read: how many are done of how many in all. */
export type ProgressListener = (done: number, total: number) => void;

/** The outcome of an intelligence import. */
export interface IntelImportResult extends IntelWriteResult {
  readonly files: number;
  readonly records: number;
}

/** Expand files and directories into the OSV JSON files to read, in a stable order. */
async function collectOsvFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
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
    if (extension === ".json") files.push(path);
    else if (explicit) {
      const what =
        extension === ".yaml" || extension === ".yml"
          ? "OSV YAML is not supported yet; use OSV JSON"
          : "not a .json file";
      throw new UnsupportedFormatError(what, { location: path });
    }
  };
  for (const path of paths) {
    const before = files.length;
    await visit(path, true);
    if (files.length === before) throw new InputError("no OSV .json files found", { location: path });
  }
  return files;
}

/** Imports vulnerability intelligence. */
export class IntelService {
  constructor(
    private readonly store: IntelStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Import OSV JSON records from files and directories. Every file is parsed before anything is
   * written, so one malformed record stops the import with nothing half-written.
   */
  async importOsvPaths(paths: readonly string[], onProgress?: ProgressListener): Promise<IntelImportResult> {
    if (paths.length === 0) throw new InputError("no OSV files or directories given");
    const files = await collectOsvFiles(paths);
    const records: ParsedOsvRecord[] = [];
    for (const [index, file] of files.entries()) {
      const text = await readInputFile(file);
      records.push(...parseOsvDocument(parseJsonText(text, file), file));
      onProgress?.(index + 1, files.length);
    }
    const result = await this.store.upsertOsvRecords(records, "osv", this.clock.now().toISOString());
    return { ...result, files: files.length, records: records.length };
  }

  /** Import OSV records already in memory (the HTTP route's body). */
  async importOsvRecords(json: unknown, location: string): Promise<IntelImportResult> {
    const records = parseOsvDocument(json, location);
    const result = await this.store.upsertOsvRecords(records, "osv", this.clock.now().toISOString());
    return { ...result, files: 0, records: records.length };
  }

  /** How many vulnerabilities are known. */
  countVulnerabilities(): Promise<number> {
    return this.store.countVulnerabilities();
  }
}
