import {
  type AffectedEvidence,
  type CompiledAffected,
  compileAffected,
  evaluateAffected,
} from "../osv/affected-range.js";
import type { OsvAffected } from "../osv/osv-types.js";
import { type PackageKey, packageKeyString } from "../purl/package-key.js";

/** A component as matching sees it: its id, package key and version. */
export interface MatchableComponent {
  readonly id: string;
  readonly key: PackageKey;
  readonly version: string;
}

/** An advisory's affected entry, keyed, with the vulnerability it belongs to. */
export interface MatchableAffected {
  readonly vulnerabilityId: string;
  readonly key: PackageKey;
  readonly affected: OsvAffected;
  /** Where the advisory came from (e.g. `osv`), carried into the finding. */
  readonly source: string;
}

/** A component judged affected by a vulnerability, with the evidence. */
export interface ComponentMatch {
  readonly componentId: string;
  readonly vulnerabilityId: string;
  readonly source: string;
  readonly evidence: AffectedEvidence & { readonly package: string };
  /** `high`: exact package identity and an evaluated range or listed version. */
  readonly confidence: "high" | "medium" | "low";
}

/**
 * Match components against affected entries by package key then version. The entries are
 * indexed once, so the cost is one hash lookup per component plus the ranges of its own package.
 */
export function matchComponents(
  components: Iterable<MatchableComponent>,
  affectedEntries: Iterable<MatchableAffected>,
): ComponentMatch[] {
  // Each entry is compiled (event versions parsed and sorted) once, however many components it meets.
  const byKey = new Map<string, Array<{ entry: MatchableAffected; compiled: CompiledAffected }>>();
  for (const entry of affectedEntries) {
    const key = packageKeyString(entry.key);
    const item = { entry, compiled: compileAffected(entry.affected) };
    const list = byKey.get(key);
    if (list) list.push(item);
    else byKey.set(key, [item]);
  }
  const matches: ComponentMatch[] = [];
  for (const component of components) {
    const candidates = byKey.get(packageKeyString(component.key));
    if (!candidates) continue;
    const seen = new Set<string>();
    for (const { entry: candidate, compiled } of candidates) {
      if (seen.has(candidate.vulnerabilityId)) continue;
      const evidence = evaluateAffected(component.version, compiled);
      if (!evidence) continue;
      seen.add(candidate.vulnerabilityId);
      matches.push({
        componentId: component.id,
        vulnerabilityId: candidate.vulnerabilityId,
        source: candidate.source,
        evidence: { ...evidence, package: packageKeyString(candidate.key) },
        confidence: "high",
      });
    }
  }
  return matches;
}
