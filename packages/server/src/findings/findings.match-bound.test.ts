import type { FindingPlan } from "@fleetpatch/core";
import { expect, it } from "vitest";
import { cycloneDxBomText, osvRecord } from "../../test/factories.js";
import { describeOnEachDialect } from "../../test/support/dialects.js";
import { unitOfWork } from "../store/unit-of-work.js";
import { FindingsService } from "./findings.service.js";
import { FindingsStore, type MatchRunComponent } from "./findings.store.js";

/** The slice a match run reads components in (FindingsService's MATCH_SLICE): its memory bound. */
const SLICE = 5_000;

/** What each call of a match run's store returned or was given, by call. */
interface Observed {
  readonly componentReads: number[];
  readonly findingReads: number[];
  readonly plans: number[];
}

/**
 * The real store (real SQL on the real dialect) that also records the size of every slice it
 * reads and every plan it writes; `in(scope)` keeps recording in the bound copy.
 */
function observingStore(db: ConstructorParameters<typeof FindingsStore>[0], observed: Observed): FindingsStore {
  class ObservingStore extends FindingsStore {
    override async componentsAfter(afterId: string, limit: number): Promise<MatchRunComponent[]> {
      const page = await super.componentsAfter(afterId, limit);
      observed.componentReads.push(page.length);
      return page;
    }

    override async findingsOfComponentRange(afterId: string, lastId: string) {
      const found = await super.findingsOfComponentRange(afterId, lastId);
      observed.findingReads.push(found.length);
      return found;
    }

    override async applyFindingPlan(plan: FindingPlan, now: string): Promise<void> {
      observed.plans.push(
        plan.open.length + plan.keep.length + plan.refresh.length + plan.reopen.length + plan.resolve.length,
      );
      return super.applyFindingPlan(plan, now);
    }
  }
  return new ObservingStore(db);
}

describeOnEachDialect("a match run's memory bound (issue 7, item 4)", (env) => {
  it("reads and plans an inventory of several slices one bounded slice at a time", async () => {
    const { inventory, intel, database, clock } = env().context;
    // 3.4 slices of distinct components (identical entries would collapse into one): one package at
    // 17,000 versions in four assets, every one of them affected by one advisory.
    const perAsset = 4_250;
    for (let asset = 0; asset < 4; asset++) {
      const versions = Array.from({ length: perAsset }, (_, index) => `1.0.${asset * perAsset + index}`);
      const text = cycloneDxBomText(
        `gw-${asset}`,
        versions.map((version) => ({ name: "left-pad", version, purl: `pkg:npm/left-pad@${version}` })),
      );
      await inventory.importSbomDocuments([{ location: `gw-${asset}.json`, text }]);
    }
    const total = 4 * perAsset;
    await intel.importDocument(
      "osv",
      osvRecord({ id: "GHSA-bound-0001", ecosystem: "npm", name: "left-pad", events: [{ introduced: "0" }] }),
      "record",
    );
    const observed: Observed = { componentReads: [], findingReads: [], plans: [] };
    const findings = new FindingsService({
      unitOfWork: unitOfWork(database.db),
      findings: observingStore(database.db, observed),
      clock,
    });

    const first = await findings.match();
    expect(first).toMatchObject({ components: total, opened: total, total });
    const slices = Math.ceil(total / SLICE);
    // Every slice but the last is full; none is larger; the run read the inventory exactly once.
    expect(observed.componentReads).toEqual([...Array(slices - 1).fill(SLICE), total - (slices - 1) * SLICE, 0]);
    expect(Math.max(...observed.plans)).toBeLessThanOrEqual(SLICE);
    expect(observed.plans.reduce((sum, size) => sum + size, 0)).toBe(total);

    // A second run holds one slice of existing findings at a time, too.
    observed.componentReads.length = 0;
    observed.findingReads.length = 0;
    observed.plans.length = 0;
    const second = await findings.match();
    expect(second).toMatchObject({ opened: 0, total });
    expect(Math.max(...observed.componentReads)).toBe(SLICE);
    expect(observed.findingReads).toEqual(observed.componentReads.slice(0, -1));
    expect(Math.max(...observed.plans)).toBeLessThanOrEqual(SLICE);
  });
});
