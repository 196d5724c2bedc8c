import type { Command } from "commander";
import type { CliIo } from "../cli/cli-io.js";
import type { ContextOpener } from "../cli/command-context.js";
import { progressReporter } from "../cli/progress.js";
import type { IntelService } from "./intel.service.js";

/** `intel import`. */
export function registerIntelCommands(program: Command, io: CliIo, open: ContextOpener<{ intel: IntelService }>): void {
  const intel = program.command("intel").description("vulnerability intelligence");
  intel
    .command("import")
    .description("import OSV JSON records from files or directories (all land, or none)")
    .argument("<paths...>", "OSV .json files or directories of them")
    .action(async (paths: string[], _options: unknown, command: Command) => {
      await open(command, {}, async (context) => {
        const progress = progressReporter(io, "reading OSV files");
        const result = await context.intel.importPaths("osv", paths, progress.update);
        progress.end();
        for (const warning of result.warnings) io.stderr.write(`warning: ${warning}\n`);
        if (result.warningCount > result.warnings.length) {
          io.stderr.write(`warning: ${result.warningCount - result.warnings.length} more warnings not shown\n`);
        }
        io.stdout.write(
          `imported ${result.records} OSV records from ${result.files} files: ${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged, ${result.older} older than the version kept\n`,
        );
      });
    });
}
