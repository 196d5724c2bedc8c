import { InputError } from "@fleetpatch/core";
import type { Command } from "commander";
import type { CliIo } from "../cli/cli-io.js";
import { type ContextOpener, listFormat } from "../cli/command-context.js";
import { writeChunk, writeJsonArray, writeNdjson } from "../cli/json-stream.js";
import { tableStream } from "../cli/table-stream.js";
import type { FindingsService } from "./findings.service.js";
import type { FindingsStatusFilter } from "./findings.store.js";

function statusFilter(value: string): FindingsStatusFilter {
  if (value === "open" || value === "resolved" || value === "all") return value;
  throw new InputError(`--status must be open, resolved or all, not "${value}"`);
}

/** `match` and `findings`. */
export function registerFindingsCommands(
  program: Command,
  io: CliIo,
  open: ContextOpener<{ findings: FindingsService }>,
): void {
  program
    .command("match")
    .description("match every component against the stored intelligence and update findings")
    .action(async (_options: unknown, command: Command) => {
      await open(command, {}, async (context) => {
        const result = await context.findings.match();
        io.stdout.write(
          `matched ${result.components} components against ${result.candidates} advisory entries: ${result.total} open findings (${result.opened} new, ${result.reopened} reopened, ${result.resolved} resolved)\n`,
        );
      });
    });

  program
    .command("findings")
    .description("list findings (streamed: the first lines appear at once, whatever the number)")
    .option("--asset <name>", "only this asset")
    .option("--status <status>", "open, resolved or all", "open")
    .option("--format <format>", "table, json (one array) or ndjson (one finding per line)", "table")
    .action(async (options: { asset?: string; status: string; format: string }, command: Command) => {
      const format = listFormat(options.format);
      const status = statusFilter(options.status);
      await open(command, { readOnly: true }, async (context) => {
        const pages = context.findings.pages({
          ...(options.asset !== undefined ? { assetName: options.asset } : {}),
          status,
        });
        if (format === "json") return void (await writeJsonArray(io, pages));
        if (format === "ndjson") return void (await writeNdjson(io, pages));
        const table = tableStream(io, [
          "ASSET",
          "COMPONENT",
          "VERSION",
          "VULNERABILITY",
          "ALIASES",
          "STATUS",
          "EVIDENCE",
        ]);
        for await (const page of pages) {
          await table.write(
            page.map((finding) => [
              finding.asset,
              finding.component.name,
              finding.component.version,
              finding.vulnerability,
              finding.aliases.filter((alias) => alias !== finding.vulnerability).join(","),
              finding.status,
              finding.evidence.map((item) => item.detail).join("; "),
            ]),
          );
        }
        if (table.rows === 0) await table.write([]);
        await writeChunk(io, `${table.rows} findings\n`);
      });
    });
}
