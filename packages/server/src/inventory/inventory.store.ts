import { parsePurl } from "@fleetpatch/core";
import type { Insertable, Kysely } from "kysely";
import { chunk, insertRows, newId } from "../store/batch.js";
import type { ComponentTable, Database } from "../store/schema.js";
import type { SbomComponent } from "./cyclonedx.parser.js";

/** One asset and its complete component list, as an import delivers it. */
export interface AssetSnapshot {
  readonly name: string;
  readonly type: string;
  readonly version: string | null;
  readonly source: string;
  readonly components: readonly SbomComponent[];
}

/** What a snapshot changed. */
export interface AssetReplaceResult {
  readonly name: string;
  readonly created: boolean;
  readonly components: number;
  readonly added: number;
  readonly removed: number;
}

/** An asset as listed. */
export interface AssetSummary {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly version: string | null;
  readonly source: string;
  readonly componentCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The asset columns a listing selects and, for PostgreSQL's sake, groups by. */
const ASSET_COLUMNS = [
  "assets.id",
  "assets.name",
  "assets.type",
  "assets.version",
  "assets.source",
  "assets.created_at",
  "assets.updated_at",
] as const;

/** Two component rows with the same identity are the same component across imports. */
function identityOf(component: {
  name: string;
  version: string | null;
  purl: string | null;
  cpe: string | null;
  component_type: string | null;
  bom_ref: string | null;
}): string {
  return JSON.stringify([
    component.purl,
    component.name,
    component.version,
    component.cpe,
    component.component_type,
    component.bom_ref,
  ]);
}

function toRow(assetId: string, component: SbomComponent): Insertable<ComponentTable> {
  const key = component.purl ? parsePurl(component.purl) : null;
  return {
    id: newId(),
    asset_id: assetId,
    name: component.name,
    version: component.version ?? key?.version ?? null,
    component_type: component.type,
    purl: component.purl,
    purl_type: key?.type ?? null,
    purl_namespace: key ? (key.namespace ?? "") : null,
    purl_name: key?.name ?? null,
    cpe: component.cpe,
    bom_ref: component.bomRef,
  };
}

/** Assets and their components. */
export class InventoryStore {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Make each asset's component list equal to its snapshot, all assets in one transaction.
   * Components present before and after keep their ids, so their findings and history survive a
   * re-import; only the difference is written.
   */
  async replaceAssets(snapshots: readonly AssetSnapshot[], now: string): Promise<AssetReplaceResult[]> {
    return this.db.transaction().execute(async (trx) => {
      const results: AssetReplaceResult[] = [];
      for (const snapshot of snapshots) {
        const existing = await trx
          .selectFrom("assets")
          .select("id")
          .where("name", "=", snapshot.name)
          .executeTakeFirst();
        const assetId = existing?.id ?? newId();
        if (existing) {
          await trx
            .updateTable("assets")
            .set({ type: snapshot.type, version: snapshot.version, source: snapshot.source, updated_at: now })
            .where("id", "=", assetId)
            .execute();
        } else {
          await trx
            .insertInto("assets")
            .values({
              id: assetId,
              name: snapshot.name,
              type: snapshot.type,
              version: snapshot.version,
              source: snapshot.source,
              created_at: now,
              updated_at: now,
            })
            .execute();
        }
        const current = existing
          ? await trx
              .selectFrom("components")
              .select(["id", "name", "version", "purl", "cpe", "component_type", "bom_ref"])
              .where("asset_id", "=", assetId)
              .execute()
          : [];
        const unmatched = new Map<string, string[]>();
        for (const row of current) {
          const key = identityOf(row);
          const ids = unmatched.get(key);
          if (ids) ids.push(row.id);
          else unmatched.set(key, [row.id]);
        }
        const toInsert: Insertable<ComponentTable>[] = [];
        for (const component of snapshot.components) {
          const row = toRow(assetId, component);
          const ids = unmatched.get(identityOf(row as Parameters<typeof identityOf>[0]));
          if (ids && ids.length > 0) ids.pop();
          else toInsert.push(row);
        }
        const toDelete = [...unmatched.values()].flat();
        for (const part of chunk(toDelete, 1000)) {
          await trx.deleteFrom("components").where("id", "in", part).execute();
        }
        await insertRows(trx, "components", toInsert);
        results.push({
          name: snapshot.name,
          created: !existing,
          components: snapshot.components.length,
          added: toInsert.length,
          removed: toDelete.length,
        });
      }
      return results;
    });
  }

  /** All assets with their component counts, by name. */
  async listAssets(): Promise<AssetSummary[]> {
    const rows = await this.db
      .selectFrom("assets")
      .leftJoin("components", "components.asset_id", "assets.id")
      .select((eb) => [...ASSET_COLUMNS, eb.fn.count<number | string>("components.id").as("component_count")])
      .groupBy([...ASSET_COLUMNS])
      .orderBy("assets.name")
      .execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      type: row.type,
      version: row.version,
      source: row.source,
      // PostgreSQL returns count() as a string (bigint); SQLite as a number.
      componentCount: Number(row.component_count),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
  }
}
