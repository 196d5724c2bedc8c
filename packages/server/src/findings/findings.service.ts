import {
  decodeCursor,
  encodeCursor,
  type FindingPlan,
  InputError,
  indexAffected,
  matchComponents,
  NotFoundError,
  planFindingChanges,
} from "@fleetpatch/core";
import type { Clock } from "../platform/index.js";
import type { UnitOfWork } from "../store/unit-of-work.js";
import { type FindingView, presentFinding } from "./findings.presenter.js";
import type {
  FindingPageKey,
  FindingRow,
  FindingsStatusFilter,
  FindingsStatusGroup,
  FindingsStore,
} from "./findings.store.js";

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

  /**
   * A page of findings in their public shape, from `cursor` (the `next` of the previous page) on.
   * The total is counted only when asked: it is the one part of a page whose cost grows with the
   * table.
   */
  async list(query: FindingsListQuery): Promise<FindingsPage> {
    const assetId = await this.assetIdOf(query.assetName);
    const status = query.status ?? "open";
    let position: Position | undefined =
      query.cursor === undefined ? startOf(status) : positionOf(query.cursor, status);
    const items: FindingView[] = [];
    let last: FindingPageKey | undefined;
    while (position !== undefined && items.length < query.limit) {
      const rows = await this.deps.findings.findingsPage({
        group: position.group,
        ...(assetId !== undefined ? { assetId } : {}),
        ...(position.after !== undefined ? { after: position.after } : {}),
        // One more than needed tells whether the group goes on.
        limit: query.limit - items.length + 1,
      });
      const wanted = rows.slice(0, query.limit - items.length);
      items.push(...(await this.present(wanted)));
      last = wanted[wanted.length - 1]?.key ?? last;
      if (rows.length > wanted.length) {
        position = { group: position.group, ...(last !== undefined ? { after: last } : {}) };
        break;
      }
      // The group is exhausted: `all` goes on with the resolved group from its start.
      position = status === "all" && position.group === "open" ? { group: "resolved" } : undefined;
    }
    const next = position === undefined ? null : cursorOf(position);
    const page: FindingsPage = { items, next };
    if (!query.withTotal) return page;
    const groups: FindingsStatusGroup[] = status === "all" ? ["open", "resolved"] : [status];
    let total = 0;
    for (const group of groups) total += await this.deps.findings.countGroup(group, assetId);
    return { ...page, total };
  }

  /** Every finding of the listing, page by page, for the CLI to stream out as it reads. */
  async *pages(query: Omit<FindingsListQuery, "limit" | "cursor" | "withTotal">): AsyncGenerator<FindingView[]> {
    for (let cursor: string | undefined; ; ) {
      const page = await this.list({ ...query, limit: STREAM_PAGE, ...(cursor !== undefined ? { cursor } : {}) });
      if (page.items.length > 0) yield page.items;
      if (page.next === null) return;
      cursor = page.next;
    }
  }

  /** Every finding of the listing in one array (the demo's summary; small databases). */
  async listAll(query: Omit<FindingsListQuery, "limit" | "cursor" | "withTotal"> = {}): Promise<FindingView[]> {
    const all: FindingView[] = [];
    for await (const page of this.pages(query)) all.push(...page);
    return all;
  }

  private async assetIdOf(assetName: string | undefined): Promise<string | undefined> {
    if (assetName === undefined) return undefined;
    const id = await this.deps.findings.assetIdOf(assetName);
    if (id === undefined) throw new NotFoundError(`no asset named "${assetName}"`);
    return id;
  }

  private async present(rows: readonly FindingRow[]): Promise<FindingView[]> {
    if (rows.length === 0) return [];
    const aliases = await this.deps.findings.aliasesOf(rows.map((row) => row.vulnerabilityId));
    return rows.map((row) => presentFinding(row, aliases.get(row.vulnerabilityId) ?? []));
  }
}

/** Rows per page when the CLI streams a whole listing. */
const STREAM_PAGE = 2_000;

/** A findings listing request. */
export interface FindingsListQuery {
  readonly assetName?: string;
  readonly status?: FindingsStatusFilter;
  readonly limit: number;
  /** The `next` of the previous page. */
  readonly cursor?: string;
  /** Count the findings of the whole listing too. */
  readonly withTotal?: boolean;
}

/** One page of a listing. */
export interface FindingsPage {
  readonly items: FindingView[];
  /** The cursor of the next page, or null on the last one. */
  readonly next: string | null;
  /** Findings in the whole listing, when asked for. */
  readonly total?: number;
}

interface Position {
  readonly group: FindingsStatusGroup;
  readonly after?: FindingPageKey;
}

function startOf(status: FindingsStatusFilter): Position {
  return { group: status === "resolved" ? "resolved" : "open" };
}

/** A cursor is only valid for the status filter that issued it (an `all` cursor may point into either group). */
function cursorOf(position: Position): string {
  return encodeCursor([position.group, ...(position.after ?? [])]);
}

function positionOf(cursor: string, status: FindingsStatusFilter): Position {
  const invalid = () => new InputError("cursor is not one this listing issued; start again without it");
  const parts = decodeCursor(cursor);
  if (parts === undefined) throw invalid();
  const [group, ...key] = parts;
  if (group !== "open" && group !== "resolved") throw invalid();
  if (status !== "all" && group !== status) throw invalid();
  if (key.length === 0) return { group };
  if (key.length !== 4) throw invalid();
  return { group, after: key as unknown as FindingPageKey };
}
