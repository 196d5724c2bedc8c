import {
  type Advisory,
  type AdvisorySource,
  InputError,
  parseJsonText,
  parseYamlText,
  planAdvisoryChanges,
  UnsupportedFormatError,
} from "@fleetpatch/core";
import type { Clock, FileSource, WalkedFile } from "../platform/index.js";
import type { UnitOfWork } from "../store/unit-of-work.js";
import type { EnrichmentService, EpssImportResult, KevImportResult } from "./enrichment.service.js";
import type { IntelStore } from "./intel.store.js";
import type { RecordFeedImportResult, RecordFeedService } from "./record-feed.service.js";
import { detectIntelSource, INTEL_FILE_EXTENSIONS, intelSource } from "./sources/registry.js";
import type { AnyIntelSource, RecordFeedSource } from "./sources/source.js";

/** Called as files are read: how many are done of how many in all. */
export type ProgressListener = (done: number, total: number) => void;

/** Counts of what an intelligence import changed; they add up to the records read. */
export interface IntelWriteResult {
  readonly inserted: number;
  readonly updated: number;
  /** Records of the version already stored (the same `modified` instant): nothing written. */
  readonly unchanged: number;
  /** Records older than the stored version, or than another version of the id in the same import: not written. */
  readonly older: number;
}

/** The outcome of an intelligence import. */
export interface IntelImportResult extends IntelWriteResult {
  readonly files: number;
  readonly records: number;
  /** The first MAX_LISTED_WARNINGS warnings: what the records do that their format forbids but that changes nothing. */
  readonly warnings: readonly string[];
  /** How many warnings there were in all. */
  readonly warningCount: number;
}

/** What importing one KEV or EPSS file changed. */
export type EnrichmentImportResult = KevImportResult | EpssImportResult;

/** Options of an import whose files' formats are detected. */
export interface DetectedImportOptions {
  /** The score date of EPSS rows whose file names none (the per-year variant), `YYYY-MM-DD`. */
  readonly epssScoreDate?: string | null;
  readonly onProgress?: ProgressListener;
  /** Told as each KEV or EPSS file lands (each is its own unit of work). */
  readonly onFileImported?: (result: EnrichmentImportResult) => void;
}

/** The outcome of an import whose files' formats are detected. */
export interface DetectedImportResult {
  /** The OSV files, imported together as before; null when there were none. */
  readonly osv: IntelImportResult | null;
  readonly enrichments: readonly EnrichmentImportResult[];
  /** The record-feed files (NVD, CVE JSON 5), one result per source; each source's files land together. */
  readonly feeds: readonly RecordFeedImportResult[];
  /** Files found in directories that no source recognises: left alone. */
  readonly skipped: readonly string[];
}

/** Characters read from the start of a file to tell its format. */
const SNIFF_CHARS = 4096;

/** The extension a source sees: `.gz` of `scores.csv.gz` stays `.gz`; sources tell by content. */
function describeKnownFormats(): string {
  return "NVD JSON, CVE JSON 5, OSV JSON, CISA KEV JSON or CSV, or EPSS CSV";
}

/**
 * The largest OSV YAML file read. PyPA's largest record is 17 KB, and a YAML parser holds many
 * times its input while it reads (50 MB of YAML took 1.8 GB), so large YAML is refused before it
 * is parsed.
 */
export const MAX_OSV_YAML_BYTES = 4 * 1024 * 1024;

/** Files read concurrently during an import. */
const READ_AHEAD = 32;

/** Warnings listed in a result; a feed with one per record would otherwise flood the terminal and the response. */
export const MAX_LISTED_WARNINGS = 20;

/** Collects a parse's warnings: all counted, the first few kept. */
function warningCollector() {
  const listed: string[] = [];
  let total = 0;
  return {
    warn(message: string): void {
      total += 1;
      if (listed.length < MAX_LISTED_WARNINGS) listed.push(message);
    },
    result(): { warnings: readonly string[]; warningCount: number } {
      return { warnings: listed, warningCount: total };
    },
  };
}

/** Imports vulnerability intelligence from the registered sources. */
export class IntelService {
  constructor(
    private readonly deps: {
      readonly unitOfWork: UnitOfWork;
      readonly intel: IntelStore;
      readonly files: FileSource;
      readonly clock: Clock;
      readonly enrichment: EnrichmentService;
      readonly feeds: RecordFeedService;
    },
  ) {}

  /**
   * Import files and directories of any registered source, each file routed to the source that
   * recognises its first characters (the extension a hint). OSV files land together as
   * `importPaths` lands them; each KEV and EPSS file is its own unit of work, in the order given.
   */
  async importDetected(paths: readonly string[], options: DetectedImportOptions = {}): Promise<DetectedImportResult> {
    if (paths.length === 0) throw new InputError(`no ${describeKnownFormats()} files or directories given`);
    const routed: Array<{ path: string; source: AnyIntelSource; head: string }> = [];
    const skipped: string[] = [];
    for (const path of paths) {
      const found = await this.deps.files.walk([path], INTEL_FILE_EXTENSIONS);
      if (found.length === 0) throw new InputError(`no ${describeKnownFormats()} files found`, { location: path });
      for (const file of found) {
        const head = await this.deps.files.readHead(file.path, SNIFF_CHARS);
        const source = detectIntelSource(head, file.extension);
        if (source) routed.push({ path: file.path, source, head });
        // A .json or .yaml given by name that no source knows goes to the OSV parser, which says what it lacks.
        else if (file.explicit && [".json", ".yaml", ".yml"].includes(file.extension))
          routed.push({ path: file.path, source: intelSource("osv"), head });
        else if (file.explicit) throw this.unrecognised(file);
        // A file in a directory that no source knows (a README.csv, a schema, an index) is left alone and listed.
        else skipped.push(file.path);
      }
    }
    const osvFiles = routed.filter((file) => file.source.kind === "advisories").map((file) => file.path);
    const osv = osvFiles.length > 0 ? await this.importPaths("osv", osvFiles, options.onProgress) : null;
    const enrichments: EnrichmentImportResult[] = [];
    for (const file of routed) {
      let result: EnrichmentImportResult;
      if (file.source.kind === "kev")
        result = await this.deps.enrichment.importKevFile(file.source, file.path, file.head);
      else if (file.source.kind === "epss") {
        result = await this.deps.enrichment.importEpssFile(file.source, file.path, options.epssScoreDate ?? null);
      } else continue;
      enrichments.push(result);
      options.onFileImported?.(result);
    }
    const feeds: RecordFeedImportResult[] = [];
    const feedSources = [...new Set(routed.map((file) => file.source).filter((source) => source.kind === "records"))];
    for (const source of feedSources as RecordFeedSource[]) {
      const paths = routed.filter((file) => file.source === source).map((file) => file.path);
      feeds.push(
        await this.deps.feeds.importFiles(source, paths, (_path, done) => options.onProgress?.(done, paths.length)),
      );
    }
    return { osv, enrichments, feeds, skipped };
  }

  /** The error for a file given by name that no source recognises. */
  private unrecognised(file: WalkedFile): Error {
    if (file.extension === ".csv" || file.extension === ".gz") {
      return new UnsupportedFormatError(
        file.extension === ".gz"
          ? "a gzip-compressed file that is no NVD JSON feed and no KEV or EPSS CSV: decompress it (gunzip) and import what it holds"
          : 'a CSV that is no CISA KEV CSV (header "cveID,…") and no EPSS CSV ("#model_version:…" or "CVE-ID;epss;percentile")',
        { location: file.path },
      );
    }
    return new UnsupportedFormatError(intelSource("osv").unsupportedFileHint(file.extension), { location: file.path });
  }

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
      // One at a time: spreading a 250,000-file feed (GHSA) into push() overflows the call stack.
      for (const file of found) files.push(file);
    }
    // Only a file given by name can have another extension; a directory walk keeps the source's own.
    const refused = files.find((file) => !source.fileExtensions.includes(file.extension));
    if (refused) {
      throw new UnsupportedFormatError(source.unsupportedFileHint(refused.extension), { location: refused.path });
    }
    const advisories: Advisory[] = [];
    const warnings = warningCollector();
    // A window of reads in flight while earlier files are parsed, in order: the disk and the
    // parser overlap, and memory holds at most one window of texts.
    for (let start = 0; start < files.length; start += READ_AHEAD) {
      const window = files.slice(start, start + READ_AHEAD);
      const texts = await Promise.all(
        window.map((file) =>
          this.deps.files.readText(file.path, file.extension === ".json" ? {} : { maxBytes: MAX_OSV_YAML_BYTES }),
        ),
      );
      window.forEach((file, offset) => {
        const text = texts[offset] ?? "";
        const json = file.extension === ".json" ? parseJsonText(text, file.path) : parseYamlText(text, file.path);
        for (const advisory of source.parseDocument(json, file.path, warnings.warn)) advisories.push(advisory);
        onProgress?.(start + offset + 1, files.length);
      });
    }
    const result = await this.write(source.name, advisories);
    return { ...result, files: files.length, records: advisories.length, ...warnings.result() };
  }

  /**
   * Import one file of a source's records named by `location` rather than its path (a request
   * body spooled to disk): read and parsed as `importPaths` reads files — strict UTF-8, duplicate
   * keys and nesting refused.
   */
  async importFile(sourceName: string, path: string, location: string): Promise<IntelImportResult> {
    const text = await this.deps.files.readText(path, { location });
    return this.importDocument(sourceName, parseJsonText(text, location), location);
  }

  /** Import a source's records already in memory. */
  async importDocument(sourceName: string, json: unknown, location: string): Promise<IntelImportResult> {
    const source = intelSource(sourceName);
    const warnings = warningCollector();
    const advisories = source.parseDocument(json, location, warnings.warn);
    const result = await this.write(source.name, advisories);
    return { ...result, files: 0, records: advisories.length, ...warnings.result() };
  }

  /** How many vulnerabilities are known. */
  countVulnerabilities(): Promise<number> {
    return this.deps.intel.countVulnerabilities();
  }

  /** Compare with the stored versions and write what core's plan says, in one unit of work. */
  private write(source: AdvisorySource, advisories: readonly Advisory[]): Promise<IntelWriteResult> {
    const now = this.deps.clock.now().toISOString();
    return this.deps.unitOfWork.transaction(async (scope) => {
      const store = this.deps.intel.in(scope);
      const stored = await store.modifiedOf(advisories.map((advisory) => advisory.id));
      const plan = planAdvisoryChanges(stored, advisories);
      await store.writeAdvisories(plan.insert, plan.replace, source, now);
      return {
        inserted: plan.insert.length,
        updated: plan.replace.length,
        unchanged: plan.unchanged,
        older: plan.older,
      };
    });
  }
}
