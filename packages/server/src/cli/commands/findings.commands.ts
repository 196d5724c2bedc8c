import type { Command } from "commander";
import type { CliIo } from "../cli-io.js";
import { tableOrJson, withContext, writeJson } from "../command-context.js";
import { renderTable } from "../table.js";

/** `match` and `findings`. */
export function registerFindingsCommands(program: Command, io: CliIo): void {
  program
    .command("match")
    .description("match every component against the stored intelligence and update findings")
    .action(async (_options: unknown, command: Command) => {
      await withContext(command, io, {}, async (context) => {
        const result = await context.findings.match();
        io.stdout.write(
          `matched ${result.components} components against ${result.candidates} advisory entries: ${result.total} findings (${result.opened} new, ${result.closed} closed)\n`,
        );
      });
    });

  program
    .command("findings")
    .description("list findings")
    .option("--asset <name>", "only this asset")
    .option("--format <format>", "table or json", "table")
    .action(async (options: { asset?: string; format: string }, command: Command) => {
      const format = tableOrJson(options.format);
      await withContext(command, io, {}, async (context) => {
        const findings = await context.findings.listAll(options.asset);
        if (format === "json") return writeJson(io, findings);
        io.stdout.write(
          renderTable(
            ["ASSET", "COMPONENT", "VERSION", "VULNERABILITY", "ALIASES", "STATUS", "EVIDENCE"],
            findings.map((finding) => [
              finding.asset,
              finding.component.name,
              finding.component.version,
              finding.vulnerability,
              finding.aliases.filter((alias) => alias !== finding.vulnerability).join(","),
              finding.status,
              finding.evidence.map((item) => item.detail).join("; "),
            ]),
          ),
        );
        io.stdout.write(`${findings.length} findings\n`);
      });
    });
}
