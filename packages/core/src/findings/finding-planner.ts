import type { ComponentMatch } from "../matching/component-matcher.js";
import type { AdvisorySource, Confidence } from "../matching/match-types.js";
import type { FindingResolution, FindingStatus } from "./finding-status.js";

/** A stored finding as the planner needs it. */
export interface ExistingFinding {
  readonly id: string;
  /** Null when the component has left the inventory. */
  readonly componentId: string | null;
  readonly vulnerabilityId: string;
  readonly status: FindingStatus;
  readonly confidence: Confidence;
  /** The stored evidence JSON, compared as text. */
  readonly evidence: string;
  /** The component's version when the finding was last matched. */
  readonly componentVersion: string | null;
}

/** The component a finding is about, as it is now. */
export interface ComponentSnapshot {
  readonly id: string;
  readonly assetId: string;
  readonly name: string;
  readonly version: string | null;
  readonly purl: string | null;
}

/** What the planner is told of the world besides the matches. */
export interface FindingPlanInput {
  /** Findings of the components in scope, plus open findings whose component is gone. */
  readonly existing: readonly ExistingFinding[];
  readonly matches: readonly ComponentMatch[];
  /** Every component in scope, by id. */
  readonly components: ReadonlyMap<string, ComponentSnapshot>;
  /** Vulnerabilities the source has withdrawn. */
  readonly withdrawn: ReadonlySet<string>;
}

/** The current facts of a finding that matching writes: evidence, confidence, component snapshot. */
export interface FindingFacts {
  readonly evidence: string;
  readonly source: AdvisorySource;
  readonly confidence: Confidence;
  readonly component: ComponentSnapshot;
}

/** What to write so the stored findings agree with the matches. */
export interface FindingPlan {
  /** New (component, vulnerability) pairs. */
  readonly open: ReadonlyArray<FindingFacts & { readonly vulnerabilityId: string }>;
  /** Still matching with the same facts: only `last_seen` moves. */
  readonly keep: readonly string[];
  /** Still matching, but the evidence, confidence or component snapshot changed. */
  readonly refresh: ReadonlyArray<FindingFacts & { readonly id: string }>;
  /** Resolved earlier and matching again: back to `in_triage` with the new facts. */
  readonly reopen: ReadonlyArray<FindingFacts & { readonly id: string }>;
  /** No longer matching: `resolved`, with why. */
  readonly resolve: ReadonlyArray<{ readonly id: string; readonly resolution: FindingResolution }>;
}

/** Serialised evidence by evidence object: the matcher shares one object per advisory range. */
const EVIDENCE_JSON = new WeakMap<object, string>();

/** The evidence JSON a match is stored with: a list, so later sources can add theirs. */
export function evidenceJson(match: ComponentMatch): string {
  let json = EVIDENCE_JSON.get(match.evidence);
  if (json === undefined) {
    json = JSON.stringify([{ source: match.source, ...match.evidence }]);
    EVIDENCE_JSON.set(match.evidence, json);
  }
  return json;
}

function pairKey(componentId: string, vulnerabilityId: string): string {
  return `${componentId}\u0000${vulnerabilityId}`;
}

/**
 * The finding lifecycle as a pure function of what is stored and what matches now
 * (balena-supervisor style: current + target → steps): open new pairs, keep or refresh pairs that
 * still match (their id, first_seen and triage survive), reopen resolved pairs that match again,
 * resolve pairs that stopped matching — never delete. The resolution says why: the component left
 * the inventory, its version moved out of range, the advisory was withdrawn, or it changed.
 */
export function planFindingChanges(input: FindingPlanInput): FindingPlan {
  const existingByPair = new Map<string, ExistingFinding>();
  for (const finding of input.existing) {
    if (finding.componentId !== null)
      existingByPair.set(pairKey(finding.componentId, finding.vulnerabilityId), finding);
  }
  const open: Array<FindingFacts & { vulnerabilityId: string }> = [];
  const keep: string[] = [];
  const refresh: Array<FindingFacts & { id: string }> = [];
  const reopen: Array<FindingFacts & { id: string }> = [];
  const matched = new Set<string>();
  for (const match of input.matches) {
    const component = input.components.get(match.componentId);
    if (!component) continue;
    const facts: FindingFacts = {
      evidence: evidenceJson(match),
      source: match.source,
      confidence: match.confidence,
      component,
    };
    const found = existingByPair.get(pairKey(match.componentId, match.vulnerabilityId));
    if (!found) {
      open.push({ ...facts, vulnerabilityId: match.vulnerabilityId });
      continue;
    }
    matched.add(found.id);
    if (found.status === "resolved") reopen.push({ ...facts, id: found.id });
    else if (
      found.evidence !== facts.evidence ||
      found.confidence !== facts.confidence ||
      found.componentVersion !== component.version
    ) {
      refresh.push({ ...facts, id: found.id });
    } else keep.push(found.id);
  }
  const resolve: Array<{ id: string; resolution: FindingResolution }> = [];
  for (const finding of input.existing) {
    if (finding.status === "resolved" || matched.has(finding.id)) continue;
    const component = finding.componentId === null ? undefined : input.components.get(finding.componentId);
    const resolution: FindingResolution =
      component === undefined
        ? "component_removed"
        : input.withdrawn.has(finding.vulnerabilityId)
          ? "advisory_withdrawn"
          : component.version !== finding.componentVersion
            ? "version_changed"
            : "advisory_changed";
    resolve.push({ id: finding.id, resolution });
  }
  return { open, keep, refresh, reopen, resolve };
}
