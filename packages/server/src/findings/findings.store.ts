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
import { chunk, insertRows, newId, updateRowsById } from "../store/batch.js";
import type { FindingTable } from "../store/schema.js";
import { Store } from "../store/unit-of-work.js";

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

/** Filters and page of a findings listing. */
export interface FindingsQuery {
  readonly assetName?: string;
  readonly status?: FindingsStatusFilter;
  readonly limit: number;
  readonly offset: number;
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

  /** One page of findings, ordered by asset, component and vulnerability, plus the total. */
  async listFindings(query: FindingsQuery): Promise<{ rows: FindingRow[]; total: number }> {
    let base = this.db
      .selectFrom("findings as f")
      .innerJoin("assets as a", "a.id", "f.asset_id")
      .leftJoin("components as c", "c.id", "f.component_id")
      .innerJoin("vulnerabilities as v", "v.id", "f.vulnerability_id");
    if (query.assetName !== undefined) base = base.where("a.name", "=", query.assetName);
    const status = query.status ?? "open";
    if (status === "open") base = base.where("f.status", "!=", "resolved");
    else if (status === "resolved") base = base.where("f.status", "=", "resolved");
    const [rows, count] = await Promise.all([
      base
        .select([
          "f.id as id",
          "a.name as assetName",
          "f.component_name as componentName",
          "f.component_version as componentVersion",
          "f.component_purl as componentPurl",
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
          "f.resolved_at as resolvedAt",
          "f.resolution as resolution",
        ])
        .orderBy("a.name")
        .orderBy("f.component_name")
        .orderBy("f.component_version")
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
