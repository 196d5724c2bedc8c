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

  /**
   * One page of assets in name order after `afterName` (exclusive): the unique index on the name
   * serves the order and the cursor; the component counts are read for the page's assets only.
   */
  async assetsPage(afterName: string | undefined, limit: number): Promise<AssetSummaryRow[]> {
    let page = this.db.selectFrom("assets").select(ASSET_COLUMNS);
    if (afterName !== undefined) page = page.where("assets.name", ">", afterName);
    const assets = await page.orderBy("assets.name").limit(limit).execute();
    if (assets.length === 0) return [];
    const counts = await this.db
      .selectFrom("components")
      .select((eb) => [
        "components.asset_id",
        eb.fn.countAll<number | string>().as("component_count"),
        eb.fn.sum<number | string | null>("components.occurrences").as("component_entries"),
      ])
      .where(
        "components.asset_id",
        "in",
        assets.map((asset) => asset.id),
      )
      .groupBy("components.asset_id")
      .execute();
    const byAsset = new Map(counts.map((row) => [row.asset_id, row]));
    return assets.map((row) => {
      const count = byAsset.get(row.id);
      return {
        id: row.id,
        name: row.name,
        type: row.type,
        version: row.version,
        source: row.source,
        // PostgreSQL returns count() as a string (bigint); SQLite as a number.
        componentCount: Number(count?.component_count ?? 0),
        // SUM is a string (numeric) on PostgreSQL.
        componentEntries: Number(count?.component_entries ?? 0),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
    });
  }

  /** How many assets there are. */
  async countAssets(): Promise<number> {
    const row = await this.db
      .selectFrom("assets")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
