import { type FindingPlan, indexAffected, matchComponents, NotFoundError, planFindingChanges } from "@fleetpatch/core";
import type { Clock } from "../platform/index.js";
import type { UnitOfWork } from "../store/unit-of-work.js";
import { type FindingView, presentFinding } from "./findings.presenter.js";
import type { FindingsQuery, FindingsStore } from "./findings.store.js";

/** The outcome of a match run. */
export interface MatchResult {
  /** Components with a package identity and a version, i.e. that matching could evaluate. */
  readonly components: number;
  /** Advisory entries for packages present in the inventory. */
  readonly candidates: number;
  /** Open findings after the run. */
  readonly total: number;
  readonly opened: number;
  readonly reopened: number;
  readonly resolved: number;
}

/** Components per slice of a match run: bounds memory whatever the fleet size. */
const MATCH_SLICE = 5_000;

/** Matches the inventory against intelligence and lists the findings. */
export class FindingsService {
  constructor(
    private readonly deps: {
      readonly unitOfWork: UnitOfWork;
      readonly findings: FindingsStore;
      readonly clock: Clock;
    },
  ) {}

  /**
   * Match every component against every relevant advisory and bring the findings up to date, in
   * one unit of work. Components are read in id-ordered slices; per slice core matches, core plans
   * the lifecycle (open, keep, refresh, reopen, resolve) and the store writes the plan set-based.
   */
  async match(): Promise<MatchResult> {
    const now = this.deps.clock.now().toISOString();
    return this.deps.unitOfWork.transaction(async (scope) => {
      const store = this.deps.findings.in(scope);
      // Compiled and indexed once; every slice is matched against the same index.
      const affected = indexAffected(await store.loadRelevantAffected());
      const counts = { components: 0, opened: 0, reopened: 0, resolved: 0 };
      const apply = async (plan: FindingPlan) => {
        await store.applyFindingPlan(plan, now);
        counts.opened += plan.open.length;
        counts.reopened += plan.reopen.length;
        counts.resolved += plan.resolve.length;
      };
      for (let after = ""; ; ) {
        const page = await store.componentsAfter(after, MATCH_SLICE);
        if (page.length === 0) break;
        const first = after;
        after = page[page.length - 1]?.id ?? after;
        const matchable = page.flatMap((component) => (component.matchable ? [component.matchable] : []));
        counts.components += matchable.length;
        const matches = matchComponents(matchable, affected);
        const existing = await store.findingsOfComponentRange(first, after);
        const withdrawn = await store.withdrawnAmong(existing.map((finding) => finding.vulnerabilityId));
        const components = new Map(page.map((component) => [component.id, component]));
        await apply(planFindingChanges({ existing, matches, components, withdrawn }));
      }
      // Findings whose component went without an import (which resolves them itself) end here.
      const orphaned = await store.orphanedOpenFindings();
      if (orphaned.length > 0) {
        await apply(
          planFindingChanges({ existing: orphaned, matches: [], components: new Map(), withdrawn: new Set() }),
        );
      }
      return { ...counts, candidates: affected.size, total: await store.countOpen() };
    });
  }

  /** A page of findings in their public shape. */
  async list(query: FindingsQuery): Promise<{ items: FindingView[]; total: number }> {
    await this.assertAssetExists(query.assetName);
    return this.page(query);
  }

  /** Every finding of the listing (all pages), for the CLI. */
  async listAll(query: Omit<FindingsQuery, "limit" | "offset"> = {}): Promise<FindingView[]> {
    await this.assertAssetExists(query.assetName);
    const pageSize = 5000;
    const all: FindingView[] = [];
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.page({ ...query, limit: pageSize, offset });
      all.push(...page.items);
      if (all.length >= page.total || page.items.length === 0) return all;
    }
  }

  private async assertAssetExists(assetName: string | undefined): Promise<void> {
    if (assetName !== undefined && !(await this.deps.findings.assetExists(assetName))) {
      throw new NotFoundError(`no asset named "${assetName}"`);
    }
  }

  private async page(query: FindingsQuery): Promise<{ items: FindingView[]; total: number }> {
    const { rows, total } = await this.deps.findings.listFindings(query);
    const aliases = await this.deps.findings.aliasesOf(rows.map((row) => row.vulnerabilityId));
    return { items: rows.map((row) => presentFinding(row, aliases.get(row.vulnerabilityId) ?? [])), total };
  }
}
