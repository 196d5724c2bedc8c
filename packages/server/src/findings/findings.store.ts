import type {
  AffectedRange,
  ComponentSnapshot,
  ExistingFinding,
  FindingPlan,
  FindingResolution,
  FindingStatus,
  MatchableAffected,
  MatchableComponent,
} from "@fleetpatch/core";
import { sql } from "kysely";
import { chunk, insertRows, newId, updateRowsById } from "../store/batch.js";
import type { FindingTable } from "../store/schema.js";
import { Store } from "../store/unit-of-work.js";

/** A finding joined with what it is about, as the list query returns it. */
export interface FindingRow {
  readonly id: string;
  /** Where the listing continues after this row. */
  readonly key: FindingPageKey;
  readonly assetName: string;
  readonly componentName: string;
  readonly componentVersion: string | null;
  readonly componentPurl: string | null;
  readonly componentCpe: string | null;
  readonly vulnerabilityId: string;
  readonly preferredId: string;
  readonly summary: string | null;
  readonly status: FindingTable["status"];
  readonly source: FindingTable["source"];
  readonly confidence: FindingTable["confidence"];
  readonly evidence: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly resolvedAt: string | null;
  readonly resolution: FindingResolution | null;
}

/** Which findings a listing shows: open ones (the default), resolved ones, or all. */
export type FindingsStatusFilter = "open" | "resolved" | "all";

/** The two groups findings are paged in; `all` lists the open group, then the resolved one. */
export type FindingsStatusGroup = "open" | "resolved";

/** Where a page starts: the page key of the last finding of the previous page. */
export type FindingPageKey = readonly [assetId: string, componentName: string, vulnerabilityId: string, id: string];

/** One page of one status group. */
export interface FindingsPageQuery {
  readonly group: FindingsStatusGroup;
  readonly assetId?: string;
  readonly after?: FindingPageKey;
  readonly limit: number;
}

/** A component as one page of a match run reads it: what matching needs and what a finding snapshots. */
export type MatchRunComponent = ComponentSnapshot & { readonly matchable: MatchableComponent | null };

const EXISTING_COLUMNS = [
  "id",
  "component_id",
  "vulnerability_id",
  "status",
  "confidence",
  "evidence",
  "component_version",
] as const;

function toExisting(row: {
  id: string;
  component_id: string | null;
  vulnerability_id: string;
  status: FindingStatus;
  confidence: FindingTable["confidence"];
  evidence: string;
  component_version: string | null;
}): ExistingFinding {
  return {
    id: row.id,
    componentId: row.component_id,
    vulnerabilityId: row.vulnerability_id,
    status: row.status,
    confidence: row.confidence,
    evidence: row.evidence,
    componentVersion: row.component_version,
  };
}

/** Findings and the match inputs they are computed from: SQL only; the lifecycle is planned in core. */
export class FindingsStore extends Store {
  /**
   * Affected entries of live (not withdrawn) vulnerabilities whose package is present in the
   * inventory; the join runs in the database so unrelated advisories are never loaded.
   */
  async loadRelevantAffected(): Promise<MatchableAffected[]> {
    const rows = await this.db
      .selectFrom("affected_packages as ap")
      .innerJoin("vulnerabilities as v", "v.id", "ap.vulnerability_id")
      .select([
        "ap.vulnerability_id",
        "ap.purl_type",
        "ap.purl_namespace",
        "ap.purl_name",
        "ap.release",
        "ap.ranges",
        "ap.versions",
        "v.source",
      ])
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
      release: row.release,
      ranges: JSON.parse(row.ranges) as AffectedRange[],
      versions: JSON.parse(row.versions) as string[],
      source: row.source,
    }));
  }

  /** The next page of components in id order (keyset pagination), with what matching needs. */
  async componentsAfter(afterId: string, limit: number): Promise<MatchRunComponent[]> {
    const rows = await this.db
      .selectFrom("components")
      .select([
        "id",
        "asset_id",
        "name",
        "version",
        "purl",
        "purl_type",
        "purl_namespace",
        "purl_name",
        "distro_release",
      ])
      .where("id", ">", afterId)
      .orderBy("id")
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      assetId: row.asset_id,
      name: row.name,
      version: row.version,
      purl: row.purl,
      matchable:
        row.purl_type !== null && row.purl_name !== null && row.version !== null
          ? {
              id: row.id,
              key: { type: row.purl_type, namespace: row.purl_namespace || null, name: row.purl_name },
              version: row.version,
              release: row.distro_release,
            }
          : null,
    }));
  }

  /**
   * Every finding (any status) of the components with ids in `(afterId, lastId]`: one range query
   * per match slice, which the (component_id, vulnerability_id) index answers directly, instead
   * of IN lists that PostgreSQL plans as scans while the run's own inserts grow the table.
   */
  async findingsOfComponentRange(afterId: string, lastId: string): Promise<ExistingFinding[]> {
    const rows = await this.db
      .selectFrom("findings")
      .select(EXISTING_COLUMNS)
      .where("component_id", ">", afterId)
      .where("component_id", "<=", lastId)
      .orderBy("component_id")
      .execute();
    return rows.map(toExisting);
  }

  /** Open findings whose component is gone (left behind by a deletion outside an import). */
  async orphanedOpenFindings(): Promise<ExistingFinding[]> {
    const rows = await this.db
      .selectFrom("findings")
      .select(EXISTING_COLUMNS)
      .where("component_id", "is", null)
      .where("status", "!=", "resolved")
      .execute();
    return rows.map(toExisting);
  }

  /** Which of the given vulnerabilities their source has withdrawn. */
  async withdrawnAmong(vulnerabilityIds: readonly string[]): Promise<Set<string>> {
    const withdrawn = new Set<string>();
    for (const ids of chunk([...new Set(vulnerabilityIds)], 1000)) {
      const rows = await this.db
        .selectFrom("vulnerabilities")
        .select("id")
        .where("id", "in", ids)
        .where("withdrawn", "is not", null)
        .execute();
      for (const row of rows) withdrawn.add(row.id);
    }
    return withdrawn;
  }

  /**
   * Write a finding plan with set-based statements: a multi-row INSERT for new findings, one
   * UPDATE per slice for kept ones (last_seen), and CASE updates for refreshed, reopened and
   * resolved ones. Never a statement per finding; never a DELETE.
   */
  async applyFindingPlan(plan: FindingPlan, now: string): Promise<void> {
    await insertRows(
      this.db,
      "findings",
      plan.open.map((entry) => ({
        id: newId(),
        asset_id: entry.component.assetId,
        component_id: entry.component.id,
        vulnerability_id: entry.vulnerabilityId,
        component_name: entry.component.name,
        component_version: entry.component.version,
        component_purl: entry.component.purl,
        status: "in_triage" as const,
        source: entry.source,
        confidence: entry.confidence,
        evidence: entry.evidence,
        first_seen: now,
        last_seen: now,
        // resolved_at and resolution stay NULL by default: fewer parameters per row on the hot path.
      })),
    );
    for (const ids of chunk(plan.keep, 1000)) {
      await this.db.updateTable("findings").set({ last_seen: now }).where("id", "in", ids).execute();
    }
    type Facts = FindingPlan["refresh"][number];
    const facts = {
      evidence: (row: Facts) => row.evidence,
      source: (row: Facts) => row.source,
      confidence: (row: Facts) => row.confidence,
      component_name: (row: Facts) => row.component.name,
      component_version: (row: Facts) => row.component.version,
      component_purl: (row: Facts) => row.component.purl,
    };
    await updateRowsById(this.db, "findings", plan.refresh, facts, { last_seen: now });
    await updateRowsById(this.db, "findings", plan.reopen, facts, {
      last_seen: now,
      status: "in_triage",
      resolved_at: null,
      resolution: null,
    });
    await updateRowsById(
      this.db,
      "findings",
      plan.resolve,
      { resolution: (row: FindingPlan["resolve"][number]) => row.resolution },
      { status: "resolved", resolved_at: now },
    );
  }

  /** Resolve the open findings of components about to leave the inventory. */
  async resolveOpenFindingsOfComponents(
    componentIds: readonly string[],
    resolution: FindingResolution,
    now: string,
  ): Promise<void> {
    for (const ids of chunk(componentIds, 1000)) {
      await this.db
        .updateTable("findings")
        .set({ status: "resolved", resolved_at: now, resolution })
        .where("component_id", "in", ids)
        .where("status", "!=", "resolved")
        .execute();
    }
  }

  /** How many findings are open (not resolved). */
  async countOpen(): Promise<number> {
    const row = await this.db
      .selectFrom("findings")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("status", "!=", "resolved")
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * One page of findings of one status group after `after` (exclusive), in page-key order:
   * (asset_id, component_name, vulnerability_id, id). The partial index of the group serves both
   * the order and the cursor, so a page costs the same at offset 0 and at offset 9,000,000; the
   * joined facts are read for the page's rows only.
   */
  async findingsPage(query: FindingsPageQuery): Promise<FindingRow[]> {
    const rows = await this.pageQuery(query).execute();
    if (rows.length === 0) return [];
    const [assets, vulnerabilities, cpes] = await Promise.all([
      this.namesOf(rows.map((row) => row.asset_id)),
      this.vulnerabilityFactsOf(rows.map((row) => row.vulnerability_id)),
      this.cpesOf(rows.flatMap((row) => (row.component_id === null ? [] : [row.component_id]))),
    ]);
    return rows.map((row) => {
      const vulnerability = vulnerabilities.get(row.vulnerability_id);
      return {
        id: row.id,
        key: [row.asset_id, row.component_name, row.vulnerability_id, row.id] as const,
        assetName: assets.get(row.asset_id) ?? "",
        componentName: row.component_name,
        componentVersion: row.component_version,
        componentPurl: row.component_purl,
        componentCpe: row.component_id === null ? null : (cpes.get(row.component_id) ?? null),
        vulnerabilityId: row.vulnerability_id,
        preferredId: vulnerability?.preferredId ?? row.vulnerability_id,
        summary: vulnerability?.summary ?? null,
        status: row.status,
        source: row.source,
        confidence: row.confidence,
        evidence: row.evidence,
        firstSeen: row.first_seen,
        lastSeen: row.last_seen,
        resolvedAt: row.resolved_at,
        resolution: row.resolution,
      };
    });
  }

  /** The query of one findings page, unexecuted: findingsPage runs it, the plan test EXPLAINs it. */
  pageQuery(query: FindingsPageQuery) {
    let page = this.db
      .selectFrom("findings as f")
      .select([
        "f.id",
        "f.asset_id",
        "f.component_id",
        "f.vulnerability_id",
        "f.component_name",
        "f.component_version",
        "f.component_purl",
        "f.status",
        "f.source",
        "f.confidence",
        "f.evidence",
        "f.first_seen",
        "f.last_seen",
        "f.resolved_at",
        "f.resolution",
      ])
      // Literal predicates, the partial indexes' own (migration 0003).
      .where(query.group === "open" ? sql<boolean>`f.status <> 'resolved'` : sql<boolean>`f.status = 'resolved'`);
    if (query.assetId !== undefined) page = page.where("f.asset_id", "=", query.assetId);
    if (query.after !== undefined) {
      const [assetId, componentName, vulnerabilityId, id] = query.after;
      page = page.where(
        sql<boolean>`(f.asset_id, f.component_name, f.vulnerability_id, f.id) > (${assetId}, ${componentName}, ${vulnerabilityId}, ${id})`,
      );
    }
    return page
      .orderBy("f.asset_id")
      .orderBy("f.component_name")
      .orderBy("f.vulnerability_id")
      .orderBy("f.id")
      .limit(query.limit);
  }

  /** How many findings a status group holds (of one asset); a count over the group's partial index. */
  async countGroup(group: FindingsStatusGroup, assetId: string | undefined): Promise<number> {
    let count = this.db
      .selectFrom("findings as f")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where(group === "open" ? sql<boolean>`f.status <> 'resolved'` : sql<boolean>`f.status = 'resolved'`);
    if (assetId !== undefined) count = count.where("f.asset_id", "=", assetId);
    return Number((await count.executeTakeFirstOrThrow()).n);
  }

  private async namesOf(assetIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom("assets")
      .select(["id", "name"])
      .where("id", "in", [...new Set(assetIds)])
      .execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  private async vulnerabilityFactsOf(
    ids: readonly string[],
  ): Promise<Map<string, { preferredId: string; summary: string | null }>> {
    const rows = await this.db
      .selectFrom("vulnerabilities")
      .select(["id", "preferred_id", "summary"])
      .where("id", "in", [...new Set(ids)])
      .execute();
    return new Map(rows.map((row) => [row.id, { preferredId: row.preferred_id, summary: row.summary }]));
  }

  private async cpesOf(componentIds: readonly string[]): Promise<Map<string, string | null>> {
    if (componentIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom("components")
      .select(["id", "cpe"])
      .where("id", "in", [...new Set(componentIds)])
      .execute();
    return new Map(rows.map((row) => [row.id, row.cpe]));
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

  /** The id of the asset of that name, if there is one. */
  async assetIdOf(name: string): Promise<string | undefined> {
    const row = await this.db.selectFrom("assets").select("id").where("name", "=", name).executeTakeFirst();
    return row?.id;
  }
}
