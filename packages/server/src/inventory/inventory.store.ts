import {
  type AssetType,
  type ComponentPlan,
  parsePurl,
  type SbomComponent,
  type StoredComponent,
} from "@fleetpatch/core";
import { type Insertable, sql } from "kysely";
import { chunk, insertRows, newId, updateRowsById } from "../store/batch.js";
import type { ComponentTable } from "../store/schema.js";
import { Store } from "../store/unit-of-work.js";

/** An asset row as the service needs it. */
export interface AssetRow {
  readonly id: string;
  readonly name: string;
}

/** The facts of an asset an import sets. */
export interface AssetFacts {
  readonly name: string;
  readonly type: AssetType;
  readonly version: string | null;
  readonly source: string;
}

/** An asset as listed, with its component count. */
export interface AssetSummaryRow extends AssetFacts {
  readonly id: string;
  /** Distinct components. */
  readonly componentCount: number;
  /** Component entries of the SBOM they came from, duplicates included (the sum of occurrences). */
  readonly componentEntries: number;
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

/** The stored columns of a component that derive from its facts (PURL parsed once, here). */
function componentColumns(component: SbomComponent) {
  const key = component.purl ? parsePurl(component.purl) : null;
  return {
    name: component.name,
    // Core has settled which version matching uses (the PURL's, see resolveComponentVersion).
    version: component.version,
    component_type: component.type,
    purl: component.purl,
    purl_type: key?.type ?? null,
    purl_namespace: key ? (key.namespace ?? "") : null,
    purl_name: key?.name ?? null,
    distro_release: key?.release ?? null,
    cpe: component.cpe,
    bom_ref: component.bomRef,
    occurrences: component.occurrences,
    identity_conflict: component.identityConflict,
  };
}

/** Assets and their components: SQL only; the diff is planned in core (planComponentChanges). */
export class InventoryStore extends Store {
  /** The asset of that name, if any. */
  async findAsset(name: string): Promise<AssetRow | undefined> {
    return this.db.selectFrom("assets").select(["id", "name"]).where("name", "=", name).executeTakeFirst();
  }

  /** Insert a new asset and return its id. */
  async insertAsset(facts: AssetFacts, now: string): Promise<string> {
    const id = newId();
    await this.db
      .insertInto("assets")
      .values({ id, ...facts, created_at: now, updated_at: now })
      .execute();
    return id;
  }

  /** Set an existing asset's facts. */
  async updateAsset(id: string, facts: Omit<AssetFacts, "name">, now: string): Promise<void> {
    await this.db
      .updateTable("assets")
      .set({ ...facts, updated_at: now })
      .where("id", "=", id)
      .execute();
  }

  /** Every component of an asset with the facts the planner compares. */
  async componentsOf(assetId: string): Promise<StoredComponent[]> {
    const rows = await this.db
      .selectFrom("components")
      .select(["id", "name", "version", "component_type", "purl", "cpe", "bom_ref", "occurrences", "identity_conflict"])
      .where("asset_id", "=", assetId)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      version: row.version,
      type: row.component_type,
      purl: row.purl,
      cpe: row.cpe,
      bomRef: row.bom_ref,
      occurrences: row.occurrences,
      identityConflict: row.identity_conflict,
    }));
  }

  /**
   * Write a component plan with set-based statements: one multi-row INSERT per slice of new
   * components, one CASE update per slice of changed ones, one DELETE per slice of removed ones.
   */
  async applyComponentPlan(assetId: string, plan: ComponentPlan): Promise<void> {
    for (const ids of chunk(plan.remove, 1000)) {
      await this.db.deleteFrom("components").where("id", "in", ids).execute();
    }
    const updates = plan.update.map(({ id, component }) => ({ id, ...componentColumns(component) }));
    type Update = (typeof updates)[number];
    const column = (name: keyof Omit<Update, "id">) => (row: Update) => row[name];
    await updateRowsById(this.db, "components", updates, {
      name: column("name"),
      version: column("version"),
      component_type: column("component_type"),
      purl: column("purl"),
      purl_type: column("purl_type"),
      purl_namespace: column("purl_namespace"),
      purl_name: column("purl_name"),
      distro_release: column("distro_release"),
      cpe: column("cpe"),
      bom_ref: column("bom_ref"),
      // CASE branches are untyped parameters, which PostgreSQL reads as text: say it is a number.
      occurrences: (row: Update) => sql`cast(${row.occurrences} as integer)`,
      identity_conflict: column("identity_conflict"),
    });
    const inserts: Insertable<ComponentTable>[] = plan.add.map((component) => ({
      id: newId(),
      asset_id: assetId,
      ...componentColumns(component),
    }));
    await insertRows(this.db, "components", inserts);
  }

  /** All assets with their component counts, by name. */
  async listAssets(): Promise<AssetSummaryRow[]> {
    const rows = await this.db
      .selectFrom("assets")
      .leftJoin("components", "components.asset_id", "assets.id")
      .select((eb) => [
        ...ASSET_COLUMNS,
        eb.fn.count<number | string>("components.id").as("component_count"),
        eb.fn.sum<number | string | null>("components.occurrences").as("component_entries"),
      ])
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
      // SUM is NULL without rows, and a string (numeric) on PostgreSQL.
      componentEntries: Number(row.component_entries ?? 0),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
  }
}
