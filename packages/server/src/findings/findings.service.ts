import { matchComponents, NotFoundError } from "@fleetpatch/core";
import type { Clock } from "../clock.js";
import { type FindingView, presentFinding } from "./findings.presenter.js";
import type { FindingsQuery, FindingsStore, FindingsWriteResult } from "./findings.store.js";

/** The outcome of a match run. */
export interface MatchResult extends FindingsWriteResult {
  readonly components: number;
  readonly candidates: number;
}

/** Matches the inventory against intelligence and lists the findings. */
export class FindingsService {
  constructor(
    private readonly store: FindingsStore,
    private readonly clock: Clock,
  ) {}

  /** Match every component with a PURL against every relevant advisory and store the findings. */
  async match(): Promise<MatchResult> {
    const [components, affected] = await Promise.all([
      this.store.loadMatchableComponents(),
      this.store.loadRelevantAffected(),
    ]);
    const matches = matchComponents(components, affected);
    const written = await this.store.replaceFindings(matches, this.clock.now().toISOString());
    return { ...written, components: components.length, candidates: affected.length };
  }

  /** A page of findings in their public shape. */
  async list(query: FindingsQuery): Promise<{ items: FindingView[]; total: number }> {
    await this.assertAssetExists(query.assetName);
    return this.page(query);
  }

  /** Every finding (all pages), for the CLI. */
  async listAll(assetName?: string): Promise<FindingView[]> {
    await this.assertAssetExists(assetName);
    const pageSize = 5000;
    const all: FindingView[] = [];
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.page({ ...(assetName !== undefined ? { assetName } : {}), limit: pageSize, offset });
      all.push(...page.items);
      if (all.length >= page.total || page.items.length === 0) return all;
    }
  }

  private async assertAssetExists(assetName: string | undefined): Promise<void> {
    if (assetName !== undefined && !(await this.store.assetExists(assetName))) {
      throw new NotFoundError(`no asset named "${assetName}"`);
    }
  }

  private async page(query: FindingsQuery): Promise<{ items: FindingView[]; total: number }> {
    const { rows, total } = await this.store.listFindings(query);
    const aliases = await this.store.aliasesOf(rows.map((row) => row.vulnerabilityId));
    return { items: rows.map((row) => presentFinding(row, aliases.get(row.vulnerabilityId) ?? [])), total };
  }
}
