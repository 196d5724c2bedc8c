import type { ComponentMatch, MatchableAffected, MatchableComponent, OsvAffected } from "@fleetpatch/core";
import type { Kysely } from "kysely";
import { chunk, insertRows, newId } from "../store/batch.js";
import type { Database } from "../store/schema.js";

/** A finding joined with what it is about, as the list query returns it. */
export interface FindingRow {
  readonly id: string;
  readonly assetName: string;
  readonly componentName: string;
  readonly componentVersion: string | null;
  readonly componentPurl: string | null;
  readonly componentCpe: string | null;
  readonly vulnerabilityId: string;
  readonly preferredId: string;
  readonly summary: string | null;
  readonly status: string;
  readonly source: string;
  readonly confidence: string;
  readonly evidence: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

/** What a match run changed. */
export interface FindingsWriteResult {
  readonly total: number;
  readonly opened: number;
  readonly closed: number;
}

/** Filters and page of a findings listing. */
export interface FindingsQuery {
  readonly assetName?: string;
  readonly limit: number;
  readonly offset: number;
}

/** Findings and the match inputs they are computed from. */
export class FindingsStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Components with a package identity and a version; the inputs to PURL matching. */
  async loadMatchableComponents(): Promise<MatchableComponent[]> {
    const rows = await this.db
      .selectFrom("components")
      .select(["id", "version", "purl_type", "purl_namespace", "purl_name"])
      .where("purl_type", "is not", null)
      .where("version", "is not", null)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      version: row.version as string,
      key: { type: row.purl_type as string, namespace: row.purl_namespace || null, name: row.purl_name as string },
    }));
  }

  /**
   * Affected entries of live (not withdrawn) vulnerabilities whose package is present in the
   * inventory; the join runs in the database so unrelated advisories are never loaded.
   */
  async loadRelevantAffected(): Promise<MatchableAffected[]> {
    const rows = await this.db
      .selectFrom("affected_packages as ap")
      .innerJoin("vulnerabilities as v", "v.id", "ap.vulnerability_id")
      .select(["ap.vulnerability_id", "ap.purl_type", "ap.purl_namespace", "ap.purl_name", "ap.affected", "v.source"])
      .where("v.withdrawn", "is", null)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom("components as c")
            .select("c.id")
            .whereRef("c.purl_type", "=", "ap.purl_type")
            .whereRef("c.purl_name", "=", "ap.purl_name")
            .whereRef("c.purl_namespace", "=", "ap.purl_namespace"),
        ),
      )
      .execute();
    return rows.map((row) => ({
      vulnerabilityId: row.vulnerability_id,
      key: { type: row.purl_type, namespace: row.purl_namespace || null, name: row.purl_name },
      affected: JSON.parse(row.affected) as OsvAffected,
      source: row.source,
    }));
  }

  /**
   * Make the stored findings equal to `matches` in one transaction: new pairs are opened, pairs
   * still matching keep their id and first_seen (and so their triage), pairs no longer matching
   * are removed.
   */
  async replaceFindings(matches: readonly ComponentMatch[], now: string): Promise<FindingsWriteResult> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom("findings")
        .select(["id", "component_id", "vulnerability_id", "evidence"])
        .execute();
      const byPair = new Map(existing.map((row) => [`${row.component_id}\u0000${row.vulnerability_id}`, row]));
      const componentAssets = new Map<string, string>();
      const componentIds = [...new Set(matches.map((match) => match.componentId))];
      for (const ids of chunk(componentIds, 1000)) {
        const rows = await trx.selectFrom("components").select(["id", "asset_id"]).where("id", "in", ids).execute();
        for (const row of rows) componentAssets.set(row.id, row.asset_id);
      }
      const inserts = [];
      const kept: string[] = [];
      for (const match of matches) {
        const pair = `${match.componentId}\u0000${match.vulnerabilityId}`;
        const evidence = JSON.stringify([{ source: match.source, ...match.evidence }]);
        const found = byPair.get(pair);
        if (found) {
          byPair.delete(pair);
          kept.push(found.id);
          if (found.evidence !== evidence) {
            await trx.updateTable("findings").set({ evidence }).where("id", "=", found.id).execute();
          }
          continue;
        }
        const assetId = componentAssets.get(match.componentId);
        if (!assetId) continue;
        inserts.push({
          id: newId(),
          asset_id: assetId,
          component_id: match.componentId,
          vulnerability_id: match.vulnerabilityId,
          status: "in_triage",
          source: match.source,
          confidence: match.confidence,
          evidence,
          first_seen: now,
          last_seen: now,
        });
      }
      for (const ids of chunk(kept, 1000)) {
        await trx.updateTable("findings").set({ last_seen: now }).where("id", "in", ids).execute();
      }
      const stale = [...byPair.values()].map((row) => row.id);
      for (const ids of chunk(stale, 1000)) {
        await trx.deleteFrom("findings").where("id", "in", ids).execute();
      }
      await insertRows(trx, "findings", inserts);
      return { total: kept.length + inserts.length, opened: inserts.length, closed: stale.length };
    });
  }

  /** One page of findings, ordered by asset, component and vulnerability, plus the total. */
  async listFindings(query: FindingsQuery): Promise<{ rows: FindingRow[]; total: number }> {
    let base = this.db
      .selectFrom("findings as f")
      .innerJoin("assets as a", "a.id", "f.asset_id")
      .innerJoin("components as c", "c.id", "f.component_id")
      .innerJoin("vulnerabilities as v", "v.id", "f.vulnerability_id");
    if (query.assetName !== undefined) base = base.where("a.name", "=", query.assetName);
    const [rows, count] = await Promise.all([
      base
        .select([
          "f.id as id",
          "a.name as assetName",
          "c.name as componentName",
          "c.version as componentVersion",
          "c.purl as componentPurl",
          "c.cpe as componentCpe",
          "v.id as vulnerabilityId",
          "v.preferred_id as preferredId",
          "v.summary as summary",
          "f.status as status",
          "f.source as source",
          "f.confidence as confidence",
          "f.evidence as evidence",
          "f.first_seen as firstSeen",
          "f.last_seen as lastSeen",
        ])
        .orderBy("a.name")
        .orderBy("c.name")
        .orderBy("c.version")
        .orderBy("v.preferred_id")
        .orderBy("f.id")
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  /** Aliases of the given vulnerabilities, keyed by vulnerability id. */
  async aliasesOf(vulnerabilityIds: readonly string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    for (const ids of chunk([...new Set(vulnerabilityIds)], 1000)) {
      const rows = await this.db
        .selectFrom("vulnerability_aliases")
        .select(["vulnerability_id", "alias"])
        .where("vulnerability_id", "in", ids)
        .execute();
      for (const row of rows) {
        const list = result.get(row.vulnerability_id);
        if (list) list.push(row.alias);
        else result.set(row.vulnerability_id, [row.alias]);
      }
    }
    return result;
  }

  /** True when an asset of that name exists. */
  async assetExists(name: string): Promise<boolean> {
    const row = await this.db.selectFrom("assets").select("id").where("name", "=", name).executeTakeFirst();
    return row !== undefined;
  }
}
