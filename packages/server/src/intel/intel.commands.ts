import { InputError, isEpssScoreDate } from "@fleetpatch/core";
import type { Command } from "commander";
import type { CliIo } from "../cli/cli-io.js";
import type { ContextOpener } from "../cli/command-context.js";
import { progressReporter } from "../cli/progress.js";
import { renderTable } from "../cli/table.js";
import type { EnrichmentImportResult, IntelService } from "./intel.service.js";
import type { NvdSyncService } from "./nvd-sync.service.js";

/** The one summary line of a KEV or EPSS file. */
export function enrichmentSummary(result: EnrichmentImportResult): string {
  if (result.source === "kev") {
    const catalog = result.catalogVersion === null ? "KEV CSV" : `KEV catalog ${result.catalogVersion}`;
    if (result.older) {
      return `${result.path}: ${catalog} is older than a catalog already applied; nothing written (${result.records} entries)`;
    }
    return `${result.path}: ${catalog}: ${result.records} entries: ${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged, ${result.removed} marked removed`;
  }
  const date = result.scoreDate ?? "unknown (give --score-date)";
  return `${result.path}: EPSS scores of ${date}: ${result.records} rows: ${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged, ${result.older} older than the score kept; ${result.historyRows} history rows`;
}

/** `intel import`, `intel sync`. */
export function registerIntelCommands(
  program: Command,
  io: CliIo,
  open: ContextOpener<{ intel: IntelService; nvdSync: NvdSyncService }>,
): void {
  const intel = program.command("intel").description("vulnerability intelligence");
  intel
    .command("status")
    .description(
      "each intelligence source: how many records it holds and, for online ones, the last sync, attempt and error and where an interrupted sync goes on. Read-only.",
    )
    .option("--format <format>", "table or json", "table")
    .action(async (options: { format: string }, command: Command) => {
      if (options.format !== "table" && options.format !== "json") {
        throw new InputError(`--format must be table or json, not ${JSON.stringify(options.format)}`);
      }
      await open(command, { readOnly: true }, async (context) => {
        const sources = await context.nvdSync.status();
        if (options.format === "json") {
          io.stdout.write(`${JSON.stringify(sources, null, 2)}\n`);
          return;
        }
        io.stdout.write(
          renderTable(
            ["SOURCE", "RECORDS", "SYNCED UNTIL", "LAST SUCCESS", "LAST ATTEMPT", "LAST ERROR", "RESUMES AT"],
            sources.map((source) => [
              source.source,
              source.records,
              source.online ? source.syncedUntil : "files only",
              source.lastSuccessAt,
              source.lastAttemptAt,
              source.lastError,
              source.cursor === null
                ? null
                : `${source.cursor.window.start ?? "start"}..${source.cursor.window.end} from ${source.cursor.startIndex}`,
            ]),
          ),
        );
      });
    });
  intel
    .command("sync")
    .description(
      "fetch what changed at an online source since its last sync: NVD's CVE API 2.0 (FLEETPATCH_NVD_URL, FLEETPATCH_NVD_API_KEY for the higher rate limit), in windows of at most 120 days, page by page; an interrupted sync goes on where it stopped",
    )
    .argument("[source]", "the source to sync (nvd)", "nvd")
    .action(async (source: string, _options: unknown, command: Command) => {
      if (source !== "nvd") throw new InputError(`no online sync for "${source}" yet; known: nvd`);
      await open(command, {}, async (context) => {
        const result = await context.nvdSync.sync();
        if (result.windows === 0) {
          io.stdout.write(`NVD is synced up to ${result.syncedUntil}: nothing to ask for yet\n`);
          return;
        }
        io.stdout.write(
          `synced NVD${result.resumed ? " (went on from an interrupted sync)" : ""}: ${result.pages} pages, ${result.records} records: ${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged; ${result.retries} retries; up to ${result.syncedUntil}\n`,
        );
      });
    });
  intel
    .command("import")
    .description(
      "import NVD CVE records (API 2.0 JSON, 1.1 feeds, .json.gz), OSV JSON records, CISA KEV catalogs (JSON, CSV) and EPSS scores (CSV, .csv.gz) from files or directories; each file's format is told by its content (NVD files land together, OSV files together, each KEV or EPSS file whole or not at all)",
    )
    .argument("<paths...>", "files or directories of them")
    .option(
      "--score-date <YYYY-MM-DD>",
      "the score date of EPSS files that name none (the per-year CVE-ID;epss;percentile variant); without it their scores are stored undated",
    )
    .action(async (paths: string[], options: { scoreDate?: string }, command: Command) => {
      if (options.scoreDate !== undefined && !isEpssScoreDate(options.scoreDate)) {
        throw new InputError(`--score-date must be a date (YYYY-MM-DD), not ${JSON.stringify(options.scoreDate)}`);
      }
      await open(command, {}, async (context) => {
        const progress = progressReporter(io, "reading OSV files");
        const result = await context.intel.importDetected(paths, {
          epssScoreDate: options.scoreDate ?? null,
          onProgress: progress.update,
          onFileImported: (file) => io.stdout.write(`imported ${enrichmentSummary(file)}\n`),
        });
        progress.end();
        if (result.skipped.length > 0) {
          const listed = result.skipped.slice(0, 5).join(", ");
          const more = result.skipped.length > 5 ? ` and ${result.skipped.length - 5} more` : "";
          io.stderr.write(
            `warning: skipped ${result.skipped.length} files in the directories that are no NVD, CVE, OSV, KEV or EPSS data: ${listed}${more}\n`,
          );
        }
        for (const feed of result.feeds) {
          const skipped = feed.filesUnchanged > 0 ? ` (${feed.filesUnchanged} already imported, skipped)` : "";
          io.stdout.write(
            `imported ${feed.records} ${feed.source.toUpperCase()} records from ${feed.files} files${skipped}: ${feed.inserted} new, ${feed.updated} updated, ${feed.unchanged} unchanged, ${feed.older} older than the revision kept\n`,
          );
        }
        const osv = result.osv;
        if (osv === null) return;
        for (const warning of osv.warnings) io.stderr.write(`warning: ${warning}\n`);
        if (osv.warningCount > osv.warnings.length) {
          io.stderr.write(`warning: ${osv.warningCount - osv.warnings.length} more warnings not shown\n`);
        }
        io.stdout.write(
          `imported ${osv.records} OSV records from ${osv.files} files: ${osv.inserted} new, ${osv.updated} updated, ${osv.unchanged} unchanged, ${osv.older} older than the version kept\n`,
        );
      });
    });
}
