import type { Command } from "commander";
import type { CliIo } from "../cli-io.js";
import { withContext } from "../command-context.js";
import { progressReporter } from "../progress.js";

/** `intel import`. */
export function registerIntelCommands(program: Command, io: CliIo): void {
  const intel = program.command("intel").description("vulnerability intelligence");
  intel
    .command("import")
    .description("import OSV JSON records from files or directories (all land, or none)")
    .argument("<paths...>", "OSV .json files or directories of them")
    .action(async (paths: string[], _options: unknown, command: Command) => {
      await withContext(command, io, {}, async (context) => {
        const progress = progressReporter(io, "reading OSV files");
        const result = await context.intel.importOsvPaths(paths, progress.update);
        progress.end();
        io.stdout.write(
          `imported ${result.records} OSV records from ${result.files} files: ${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged\n`,
        );
      });
    });
}
