import { assetTypeOfSubject, InputError, type ParsedSbom, planComponentChanges } from "@fleetpatch/core";
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
  readonly components: number;
  readonly added: number;
  readonly updated: number;
  readonly removed: number;
}

/** One asset and its complete component list, as an import delivers it. */
interface AssetSnapshot extends AssetFacts {
  readonly sbom: ParsedSbom;
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
  async importSbomFiles(paths: readonly string[], options: { assetName?: string } = {}): Promise<AssetImportResult[]> {
    const documents: InventoryDocument[] = [];
    for (const path of paths) documents.push({ location: path, text: await this.deps.files.readText(path) });
    return this.importSbomDocuments(documents, options);
  }

  /**
   * Parse every document first, then write them all in one unit of work: assets, their component
   * diffs, and the resolution of findings whose component left the inventory.
   */
  async importSbomDocuments(
    documents: readonly InventoryDocument[],
    options: { assetName?: string } = {},
  ): Promise<AssetImportResult[]> {
    if (documents.length === 0) throw new InputError("no SBOM files given");
    if (options.assetName !== undefined && documents.length > 1) {
      throw new InputError("--asset names one asset, so give exactly one SBOM file with it");
    }
    const snapshots = documents.map((document) =>
      toSnapshot(importerFor(document).parse(document), document.location, options.assetName),
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
      for (const { sbom, ...facts } of snapshots) {
        const existing = await inventory.findAsset(facts.name);
        const assetId = existing?.id ?? (await inventory.insertAsset(facts, now));
        if (existing) await inventory.updateAsset(assetId, facts, now);
        const stored = existing ? await inventory.componentsOf(assetId) : [];
        const plan = planComponentChanges(stored, sbom.components);
        // Before the rows go: a removed component's findings are resolved, not lost (docs/adr/0016).
        await findings.resolveOpenFindingsOfComponents(plan.remove, "component_removed", now);
        await inventory.applyComponentPlan(assetId, plan);
        results.push({
          name: facts.name,
          created: !existing,
          components: sbom.components.length,
          added: plan.add.length,
          updated: plan.update.length,
          removed: plan.remove.length,
        });
      }
      return results;
    });
  }

  /** All assets. */
  listAssets(): Promise<AssetSummaryRow[]> {
    return this.deps.inventory.listAssets();
  }
}

function toSnapshot(sbom: ParsedSbom, location: string, assetName: string | undefined): AssetSnapshot {
  const name = assetName ?? sbom.subject?.name;
  if (!name) {
    throw new InputError("the SBOM has no metadata.component to name the asset; pass --asset NAME", { location });
  }
  return {
    name,
    type: assetTypeOfSubject(sbom.subject?.type),
    version: sbom.subject?.version ?? null,
    source: sbom.format,
    sbom,
  };
}
