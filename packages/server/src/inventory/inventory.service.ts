import { InputError } from "@fleetpatch/core";
import type { Clock } from "../clock.js";
import { readInputFile } from "../files/input-file.js";
import { type ParsedSbom, parseCycloneDxJson, parseCycloneDxValue } from "./cyclonedx.parser.js";
import type { AssetReplaceResult, AssetSnapshot, AssetSummary, InventoryStore } from "./inventory.store.js";

/** One SBOM document to import, as text or parsed JSON, and where it came from (a path, or `request body`). */
export type SbomDocument =
  | { readonly location: string; readonly text: string }
  | { readonly location: string; readonly json: unknown };

/** CycloneDX `metadata.component.type` → fleetpatch asset type (docs/inventory.md). */
const ASSET_TYPE_BY_COMPONENT_TYPE: Readonly<Record<string, string>> = {
  device: "iot",
  firmware: "firmware-image",
  container: "container-image",
  "operating-system": "server",
};

/** Imports SBOMs into the inventory and lists assets. */
export class InventoryService {
  constructor(
    private readonly store: InventoryStore,
    private readonly clock: Clock,
  ) {}

  /** Read, parse and import SBOM files; all of them land, or none does. */
  async importSbomFiles(paths: readonly string[], options: { assetName?: string } = {}): Promise<AssetReplaceResult[]> {
    const documents: SbomDocument[] = [];
    for (const path of paths) documents.push({ location: path, text: await readInputFile(path) });
    return this.importSbomDocuments(documents, options);
  }

  /** Parse every document first, then write them all in one transaction. */
  async importSbomDocuments(
    documents: readonly SbomDocument[],
    options: { assetName?: string } = {},
  ): Promise<AssetReplaceResult[]> {
    if (documents.length === 0) throw new InputError("no SBOM files given");
    if (options.assetName !== undefined && documents.length > 1) {
      throw new InputError("--asset names one asset, so give exactly one SBOM file with it");
    }
    const snapshots = documents.map((document) => {
      const sbom =
        "text" in document
          ? parseCycloneDxJson(document.text, document.location)
          : parseCycloneDxValue(document.json, document.location);
      return toSnapshot(sbom, document.location, options.assetName);
    });
    const names = new Set<string>();
    for (const snapshot of snapshots) {
      if (names.has(snapshot.name)) {
        throw new InputError(`two of the files describe the asset "${snapshot.name}"; import them one at a time`);
      }
      names.add(snapshot.name);
    }
    return this.store.replaceAssets(snapshots, this.clock.now().toISOString());
  }

  /** All assets. */
  listAssets(): Promise<AssetSummary[]> {
    return this.store.listAssets();
  }
}

function toSnapshot(sbom: ParsedSbom, location: string, assetName: string | undefined): AssetSnapshot {
  const name = assetName ?? sbom.subject?.name;
  if (!name) {
    throw new InputError("the SBOM has no metadata.component to name the asset; pass --asset NAME", { location });
  }
  return {
    name,
    type: ASSET_TYPE_BY_COMPONENT_TYPE[sbom.subject?.type ?? ""] ?? "software",
    version: sbom.subject?.version ?? null,
    source: sbom.format,
    components: sbom.components,
  };
}
