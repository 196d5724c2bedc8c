import { type PackageKey, packageKeyString } from "../purl/package-key.js";
import { compileVers, type VersMatcher } from "../vers/vers.js";
import type { VersionScheme } from "../versions/version-scheme.js";
import type { AffectedPackage, AffectedRange } from "./affected-package.js";
import type { AdvisorySource, Confidence } from "./match-types.js";

/** A component as matching sees it: its id, package key, version and distribution release. */
export interface MatchableComponent {
  readonly id: string;
  readonly key: PackageKey;
  readonly version: string;
  /** Release key of the component's `distro` qualifier (`12`), or null when the PURL names none. */
  readonly release: string | null;
}

/** An advisory's affected package as matching needs it, with the vulnerability it belongs to. */
export interface MatchableAffected extends Pick<AffectedPackage, "key" | "release" | "ranges" | "versions"> {
  readonly vulnerabilityId: string;
  /** Where the advisory came from (e.g. `osv`), carried into the finding. */
  readonly source: AdvisorySource;
}

/** Why a version was judged affected: the rule and the range or list entry that matched. */
export interface MatchEvidence {
  /** `range` (a vers range) or `version-list` (an explicitly listed version). */
  readonly rule: "range" | "version-list";
  /** What matched, in the advisory's own terms (`SEMVER >=0.0.0-0 <0.3.17`). */
  readonly detail: string;
  /** The matched range as a canonical vers (`vers:cargo/>=0.0.0-0|<0.3.17`). */
  readonly vers?: string;
  /** The package key the advisory names (`cargo//h2`). */
  readonly package: string;
  /** The distribution release the advisory is scoped to (`12`), when it is. */
  readonly release?: string;
}

/** A component judged affected by a vulnerability, with the evidence. */
export interface ComponentMatch {
  readonly componentId: string;
  readonly vulnerabilityId: string;
  readonly source: AdvisorySource;
  readonly evidence: MatchEvidence;
  /**
   * `high`: exact package identity, same release (or an unscoped advisory), evaluated range or
   * listed version. `medium`: the advisory is scoped to a release and the component names none
   * (docs/adr/0015).
   */
  readonly confidence: Confidence;
}

/**
 * An affected entry compiled once per run: its ranges as vers matchers, its versions as a set, and
 * the evidence of each range built once, so every component it matches shares one object (and the
 * finding planner serialises it once).
 */
interface CompiledEntry {
  readonly entry: MatchableAffected;
  readonly packageName: string;
  readonly versions: ReadonlySet<string>;
  readonly ranges: ReadonlyArray<{ readonly matcher: VersMatcher; readonly evidence: MatchEvidence }>;
  /** Evidence of listed versions, built on first use. */
  readonly listed: Map<string, MatchEvidence>;
}

function compileEntry(entry: MatchableAffected): CompiledEntry {
  const packageName = packageKeyString(entry.key);
  const ranges: Array<{ matcher: VersMatcher; evidence: MatchEvidence }> = [];
  for (const range of entry.ranges) {
    try {
      ranges.push({ matcher: compileVers(range.vers), evidence: rangeEvidence(entry, range, packageName) });
    } catch {
      // A stored vers whose scheme this build lacks cannot be evaluated; it never yields a finding.
    }
  }
  return { entry, packageName, versions: new Set(entry.versions), ranges, listed: new Map() };
}

function rangeEvidence(entry: MatchableAffected, range: AffectedRange, packageName: string): MatchEvidence {
  const evidence = { rule: "range" as const, detail: range.detail, vers: range.vers, package: packageName };
  return entry.release === null ? evidence : { ...evidence, release: entry.release };
}

/** The component's version parsed once per scheme it meets; undefined when the scheme rejects it. */
class ParsedVersionCache {
  private readonly parsed = new Map<VersionScheme, unknown>();

  constructor(readonly version: string) {}

  get(scheme: VersionScheme): unknown {
    if (this.parsed.has(scheme)) return this.parsed.get(scheme);
    let value: unknown;
    try {
      value = scheme.parse(this.version);
    } catch {
      value = undefined;
    }
    this.parsed.set(scheme, value);
    return value;
  }
}

function evaluate(compiled: CompiledEntry, version: ParsedVersionCache, plain: string): MatchEvidence | undefined {
  if (compiled.versions.has(version.version) || compiled.versions.has(plain)) {
    let evidence = compiled.listed.get(plain);
    if (!evidence) {
      const release = compiled.entry.release;
      evidence = {
        rule: "version-list",
        detail: `listed version ${plain}`,
        package: compiled.packageName,
        ...(release === null ? {} : { release }),
      };
      compiled.listed.set(plain, evidence);
    }
    return evidence;
  }
  for (const { evidence, matcher } of compiled.ranges) {
    let inside: boolean;
    if (matcher.scheme === undefined) inside = matcher.containsParsed(undefined);
    else {
      const parsed = version.get(matcher.scheme);
      inside = parsed !== undefined && matcher.containsParsed(parsed);
    }
    if (inside) return evidence;
  }
  return undefined;
}

/** Affected entries compiled and indexed by package key: build once per run, match many slices against it. */
export interface AffectedIndex {
  /** How many entries it holds. */
  readonly size: number;
  readonly byKey: ReadonlyMap<string, readonly CompiledEntry[]>;
}

/** Compile (vers parsed) and index affected entries once, so matching slice after slice never re-parses them. */
export function indexAffected(affectedEntries: Iterable<MatchableAffected>): AffectedIndex {
  const byKey = new Map<string, CompiledEntry[]>();
  let size = 0;
  for (const entry of affectedEntries) {
    const key = packageKeyString(entry.key);
    const compiled = compileEntry(entry);
    size++;
    const list = byKey.get(key);
    if (list) list.push(compiled);
    else byKey.set(key, [compiled]);
  }
  return { size, byKey };
}

/**
 * Match components against affected packages by package key, release, then version. Entries are
 * compiled (vers parsed) once and indexed by key (pass an AffectedIndex to reuse one across
 * calls), so the cost is one hash lookup per component plus the ranges of its own package; each
 * component version is parsed once per scheme.
 *
 * Release rule (docs/adr/0015): an advisory scoped to a release matches only components of that
 * release; a component without a release is matched at `medium` confidence; an unscoped advisory
 * matches every release. One match per (component, vulnerability), the most confident.
 */
export function matchComponents(
  components: Iterable<MatchableComponent>,
  affected: Iterable<MatchableAffected> | AffectedIndex,
): ComponentMatch[] {
  const { byKey } = "byKey" in affected ? affected : indexAffected(affected);
  const matches: ComponentMatch[] = [];
  for (const component of components) {
    const candidates = byKey.get(packageKeyString(component.key));
    if (!candidates) continue;
    const version = new ParsedVersionCache(component.version);
    // OSV lists Go versions without the module's "v".
    const plain =
      component.key.type === "golang" && component.version.startsWith("v")
        ? component.version.slice(1)
        : component.version;
    const best = new Map<string, ComponentMatch>();
    for (const compiled of candidates) {
      const { entry } = compiled;
      const found = best.get(entry.vulnerabilityId);
      if (found?.confidence === "high") continue;
      if (entry.release !== null && component.release !== null && entry.release !== component.release) continue;
      const confidence: Confidence = entry.release !== null && component.release === null ? "medium" : "high";
      if (found && confidence !== "high") continue;
      const evidence = evaluate(compiled, version, plain);
      if (!evidence) continue;
      best.set(entry.vulnerabilityId, {
        componentId: component.id,
        vulnerabilityId: entry.vulnerabilityId,
        source: entry.source,
        evidence,
        confidence,
      });
    }
    for (const match of best.values()) matches.push(match);
  }
  return matches;
}
