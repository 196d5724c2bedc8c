import type { Command } from "commander";
import type { CliIo } from "../cli/cli-io.js";
import { type ContextOpener, tableOrJson, writeJson } from "../cli/command-context.js";
import { renderTable } from "../cli/table.js";
import { presentAsset } from "./inventory.presenter.js";
import type { InventoryService } from "./inventory.service.js";

/** `import` and `assets`. */
export function registerInventoryCommands(
  program: Command,
  io: CliIo,
  open: ContextOpener<{ inventory: InventoryService }>,
): void {
  program
    .command("import")
    .description("import CycloneDX JSON SBOMs; each becomes an asset whose component list it replaces")
    .argument("<files...>", "CycloneDX 1.2–1.7 JSON files")
    .option("--asset <name>", "asset name (default: the SBOM's metadata.component.name); one file only")
    .action(async (files: string[], options: { asset?: string }, command: Command) => {
      await open(command, {}, async (context) => {
        const results = await context.inventory.importSbomFiles(files, {
          assetNameOption: "--asset NAME",
          ...(options.asset !== undefined ? { assetName: options.asset } : {}),
        });
        for (const result of results) {
          const collapsed =
            result.entries > result.components ? ` from ${result.entries} entries (identical entries collapsed)` : "";
          io.stdout.write(
            `${result.created ? "created" : "updated"} asset ${result.name}: ${result.components} components${collapsed} (+${result.added} ~${result.updated} −${result.removed})\n`,
          );
          // On stderr, so that stdout stays one summary line per asset for scripts.
          for (const warning of result.warnings) io.stderr.write(`warning: ${warning}\n`);
        }
      });
    });

  program
    .command("assets")
    .description("list assets")
    .option("--format <format>", "table or json", "table")
    .action(async (options: { format: string }, command: Command) => {
      const format = tableOrJson(options.format);
      await open(command, { readOnly: true }, async (context) => {
        const assets = (await context.inventory.listAssets()).map(presentAsset);
        if (format === "json") return writeJson(io, assets);
        io.stdout.write(
          renderTable(
            ["NAME", "TYPE", "VERSION", "COMPONENTS", "SOURCE", "UPDATED"],
            assets.map((asset) => [
              asset.name,
              asset.type,
              asset.version,
              asset.componentCount,
              asset.source,
              asset.updatedAt,
            ]),
          ),
        );
      });
    });
}
