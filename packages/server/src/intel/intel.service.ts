import {
  type Advisory,
  type AdvisorySource,
  InputError,
  parseJsonText,
  UnsupportedFormatError,
} from "@fleetpatch/core";
import type { Clock, FileSource, WalkedFile } from "../platform/index.js";
import type { UnitOfWork } from "../store/unit-of-work.js";
import type { IntelStore, IntelWriteResult } from "./intel.store.js";
import { intelSource } from "./sources/registry.js";

/** Called as files are read: how many are done of how many in all. */
export type ProgressListener = (done: number, total: number) => void;

/** The outcome of an intelligence import. */
export interface IntelImportResult extends IntelWriteResult {
  readonly files: number;
  readonly records: number;
}

/** Imports vulnerability intelligence from the registered sources. */
export class IntelService {
  constructor(
    private readonly deps: {
      readonly unitOfWork: UnitOfWork;
      readonly intel: IntelStore;
      readonly files: FileSource;
      readonly clock: Clock;
    },
  ) {}

  /**
   * Import a source's records from files and directories. Every file is parsed before anything is
   * written, so one malformed record stops the import with nothing half-written.
   */
  async importPaths(
    sourceName: string,
    paths: readonly string[],
    onProgress?: ProgressListener,
  ): Promise<IntelImportResult> {
    const source = intelSource(sourceName);
    if (paths.length === 0) throw new InputError(`no ${source.description} files or directories given`);
    const files: WalkedFile[] = [];
    for (const path of paths) {
      const found = await this.deps.files.walk([path], source.fileExtensions);
      if (found.length === 0) throw new InputError(`no ${source.description} files found`, { location: path });
      files.push(...found);
    }
    const advisories: Advisory[] = [];
    for (const [index, file] of files.entries()) {
      const refusal = source.refuseFile(file.extension);
      if (refusal !== null) throw new UnsupportedFormatError(refusal, { location: file.path });
      const text = await this.deps.files.readText(file.path);
      advisories.push(...source.parseDocument(parseJsonText(text, file.path), file.path));
      onProgress?.(index + 1, files.length);
    }
    const result = await this.write(source.name, advisories);
    return { ...result, files: files.length, records: advisories.length };
  }

  /** Import a source's records already in memory (the HTTP route's body). */
  async importDocument(sourceName: string, json: unknown, location: string): Promise<IntelImportResult> {
    const source = intelSource(sourceName);
    const advisories = source.parseDocument(json, location);
    const result = await this.write(source.name, advisories);
    return { ...result, files: 0, records: advisories.length };
  }

  /** How many vulnerabilities are known. */
  countVulnerabilities(): Promise<number> {
    return this.deps.intel.countVulnerabilities();
  }

  private write(source: AdvisorySource, advisories: readonly Advisory[]): Promise<IntelWriteResult> {
    const now = this.deps.clock.now().toISOString();
    return this.deps.unitOfWork.transaction((scope) =>
      this.deps.intel.in(scope).upsertAdvisories(advisories, source, now),
    );
  }
}
