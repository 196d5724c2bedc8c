import {
  assetTypeOfSubject,
  decodeCursor,
  encodeCursor,
  INVENTORY_LIMITS,
  InputError,
  type ParsedSbom,
  planComponentChanges,
  textProblem,
} from "@fleetpatch/core";
import type { FindingsStore } from "../findings/index.js";
import type { Clock, FileSource } from "../platform/index.js";
import type { UnitOfWork } from "../store/unit-of-work.js";
import type { InventoryDocument } from "./importers/importer.js";
import { importerFor } from "./importers/registry.js";
import type { AssetFacts, AssetSummaryRow, InventoryStore } from "./inventory.store.js";

/** What an import changed for one asset. */
export interface AssetImportResult {
  readonly name: string;
  readonly created: boolean;
  /** Distinct components now stored for the asset. */
  readonly components: number;
  /** Component entries in the SBOM; more than `components` when identical entries were collapsed. */
  readonly entries: number;
  readonly added: number;
  readonly updated: number;
  readonly removed: number;
  /** Components whose version field disagrees with their PURL's version. */
  readonly identityConflicts: number;
  /** One line each, `location: message`; capped at WARNINGS_SHOWN plus a line saying how many more. */
  readonly warnings: string[];
}

/** How an import is asked for. */
export interface SbomImportOptions {
  /** Name of the asset, instead of the SBOM's `metadata.component.name`; one document only. */
  readonly assetName?: string;
  /**
   * How the calling front end spells the asset-name option, for messages (`--asset NAME` on the
   * CLI); without it messages stay neutral, because the HTTP API has no flags.
   */
  readonly assetNameOption?: string;
}

/** Warnings listed per asset; a million conflicting components must not make a million lines. */
const WARNINGS_SHOWN = 20;

/** One asset and its complete component list, as an import delivers it, and where it came from. */
interface AssetSnapshot extends AssetFacts {
  readonly sbom: ParsedSbom;
  readonly location: string;
}

/** Imports SBOMs into the inventory and lists assets. */
export class InventoryService {
  constructor(
    private readonly deps: {
      readonly unitOfWork: UnitOfWork;
      readonly inventory: InventoryStore;
      readonly findings: FindingsStore;
      readonly files: FileSource;
      readonly clock: Clock;
    },
  ) {}

  /** Read, parse and import SBOM files; all of them land, or none does. */
  async importSbomFiles(paths: readonly string[], options: SbomImportOptions = {}): Promise<AssetImportResult[]> {
    const documents: InventoryDocument[] = [];
    for (const path of paths) documents.push({ location: path, text: await this.readSbom(path) });
    return this.importSbomDocuments(documents, options);
  }

  /**
   * Import one SBOM file that messages call `location` (a request body spooled to a temporary
   * file is "request body", not its temporary path); read as importSbomFiles reads.
   */
  async importSbomFile(path: string, location: string, options: SbomImportOptions = {}): Promise<AssetImportResult[]> {
    const text = await this.readSbom(path, location);
    return this.importSbomDocuments([{ location, text }], options);
  }

  /** An SBOM file's text: gzip accepted (`bom.json.gz` is common), at most the HTTP API's SBOM body limit. */
  private readSbom(path: string, location = path): Promise<string> {
    return this.deps.files.readText(path, { gunzip: true, maxBytes: INVENTORY_LIMITS.documentBytes, location });
  }

  /**
   * Parse every document first, then write them all in one unit of work: assets, their component
   * diffs, and the resolution of findings whose component left the inventory.
   */
  async importSbomDocuments(
    documents: readonly InventoryDocument[],
    options: SbomImportOptions = {},
  ): Promise<AssetImportResult[]> {
    if (documents.length === 0) throw new InputError("no SBOM files given");
    const option = options.assetNameOption ?? "an explicit asset name";
    if (options.assetName !== undefined && documents.length > 1) {
      throw new InputError(`${option} names one asset, so give exactly one SBOM with it`);
    }
    if (options.assetName !== undefined) {
      const problem = textProblem(options.assetName, INVENTORY_LIMITS.assetName);
      if (problem !== null) throw new InputError(`the asset name ${problem}`);
    }
    const snapshots = documents.map((document) =>
      toSnapshot(importerFor(document).parse(document), document.location, options.assetName, option),
    );
    const names = new Set<string>();
    for (const snapshot of snapshots) {
      if (names.has(snapshot.name)) {
        throw new InputError(`two of the files describe the asset "${snapshot.name}"; import them one at a time`);
      }
      names.add(snapshot.name);
    }
    const now = this.deps.clock.now().toISOString();
    return this.deps.unitOfWork.transaction(async (scope) => {
      const inventory = this.deps.inventory.in(scope);
      const findings = this.deps.findings.in(scope);
      const results: AssetImportResult[] = [];
      for (const { sbom, location, ...facts } of snapshots) {
        const existing = await inventory.findAsset(facts.name);
        const assetId = existing?.id ?? (await inventory.insertAsset(facts, now));
        if (existing) await inventory.updateAsset(assetId, facts, now);
        const stored = existing ? await inventory.componentsOf(assetId) : [];
        const plan = planComponentChanges(stored, sbom.components);
        // Before the rows go: a removed component's findings are resolved, not lost (docs/adr/0016).
        await findings.resolveOpenFindingsOfComponents(plan.remove, "component_removed", now);
        await inventory.applyComponentPlan(assetId, plan);
        const warnings = sbom.warnings.map((warning) => `${warning.location}: ${warning.message}`);
        if (sbom.components.length === 0 && stored.length > 0) {
          // Allowed (an SBOM may truly list nothing), but never silent (docs/adr/0024).
          warnings.push(
            `${location}: the SBOM lists no components, so all ${stored.length} components of the asset were removed`,
          );
        }
        results.push({
          name: facts.name,
          created: !existing,
          components: sbom.components.length,
          entries: sbom.entries,
          added: plan.add.length,
          updated: plan.update.length,
          removed: plan.remove.length,
          identityConflicts: sbom.components.filter((component) => component.identityConflict !== null).length,
          warnings:
            warnings.length > WARNINGS_SHOWN
              ? [...warnings.slice(0, WARNINGS_SHOWN), `… and ${warnings.length - WARNINGS_SHOWN} more warnings`]
              : warnings,
        });
      }
      return results;
    });
  }

  /** A page of assets in name order, from `cursor` (the previous page's `next`) on. */
  async listAssetsPage(query: {
    readonly limit: number;
    readonly cursor?: string;
    readonly withTotal?: boolean;
  }): Promise<{ items: AssetSummaryRow[]; next: string | null; total?: number }> {
    let after: string | undefined;
    if (query.cursor !== undefined) {
      const parts = decodeCursor(query.cursor);
      if (parts?.length !== 1) throw new InputError("cursor is not one this listing issued; start again without it");
      after = parts[0];
    }
    // One more than asked tells whether another page follows.
    const rows = await this.deps.inventory.assetsPage(after, query.limit + 1);
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    const next = rows.length > query.limit && last ? encodeCursor([last.name]) : null;
    if (!query.withTotal) return { items, next };
    return { items, next, total: await this.deps.inventory.countAssets() };
  }

  /** Every asset, page by page. */
  async *assetPages(): AsyncGenerator<AssetSummaryRow[]> {
    for (let cursor: string | undefined; ; ) {
      const page = await this.listAssetsPage({ limit: 1_000, ...(cursor !== undefined ? { cursor } : {}) });
      if (page.items.length > 0) yield page.items;
      if (page.next === null) return;
      cursor = page.next;
    }
  }

  /** Every asset in one array (small fleets, tests). */
  async listAssets(): Promise<AssetSummaryRow[]> {
    const all: AssetSummaryRow[] = [];
    for await (const page of this.assetPages()) all.push(...page);
    return all;
  }
}

function toSnapshot(sbom: ParsedSbom, location: string, assetName: string | undefined, option: string): AssetSnapshot {
  const name = assetName ?? sbom.subject?.name;
  if (!name) {
    throw new InputError(`the SBOM has no metadata.component to name the asset; name it with ${option}`, {
      location,
    });
  }
  if (assetName === undefined) {
    const problem = textProblem(name, INVENTORY_LIMITS.assetName);
    if (problem !== null) throw new InputError(problem, { location: `${location}: metadata.component.name` });
  }
  return {
    name,
    type: assetTypeOfSubject(sbom.subject?.type),
    version: sbom.subject?.version ?? null,
    source: sbom.format,
    sbom,
    location,
  };
}
