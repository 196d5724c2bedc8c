import { versFromOsvRange } from "../vers/osv-range.js";
import { formatVers } from "../vers/vers-syntax.js";
import { schemeForEcosystem } from "../versions/ecosystem-schemes.js";
import { semverScheme } from "../versions/semver-scheme.js";
import type { VersionScheme } from "../versions/version-scheme.js";
import type { OsvAffected, OsvEvent, OsvRange } from "./osv-types.js";

/** Why a version was judged affected: the rule and the range or list entry that matched. */
export interface AffectedEvidence {
  /** `range` (SEMVER/ECOSYSTEM events) or `version-list` (explicit `versions`). */
  readonly rule: "range" | "version-list";
  /** Human-readable statement of what matched, e.g. `SEMVER >=0.0.0-0 <0.3.17`. */
  readonly detail: string;
  /** The matched range as a canonical vers (`vers:cargo/>=0.0.0-0|<0.3.17`), when it converts. */
  readonly vers?: string;
}

/** Event kinds in the order they are applied when two events name the same version. */
const EVENT_ORDER = { introduced: 0, last_affected: 1, fixed: 2, limit: 3 } as const;
type EventKind = keyof typeof EVENT_ORDER;

interface ParsedEvent {
  readonly kind: EventKind;
  readonly raw: string;
  /** Undefined only for `introduced: "0"`, which means "since the first version". */
  readonly version: unknown;
}

function eventKind(event: OsvEvent): [EventKind, string] | undefined {
  if (event.introduced !== undefined) return ["introduced", event.introduced];
  if (event.fixed !== undefined) return ["fixed", event.fixed];
  if (event.last_affected !== undefined) return ["last_affected", event.last_affected];
  if (event.limit !== undefined) return ["limit", event.limit];
  return undefined;
}

function describeRange(range: OsvRange): string {
  const parts = range.events.map((event) => {
    const [kind, value] = eventKind(event) ?? ["?", "?"];
    if (kind === "introduced") return `>=${value}`;
    if (kind === "fixed") return `<${value}`;
    if (kind === "last_affected") return `<=${value}`;
    return `limit ${value}`;
  });
  return `${range.type} ${parts.join(" ")}`;
}

/** A range with its events parsed and sorted once, ready to test many versions. */
interface CompiledRange {
  readonly scheme: VersionScheme;
  readonly events: readonly ParsedEvent[];
  readonly description: string;
  readonly vers: string | undefined;
}

/** An OSV `affected[]` entry prepared for repeated evaluation: parse once, compare many times. */
export interface CompiledAffected {
  readonly ecosystem: string;
  readonly versions: ReadonlySet<string>;
  readonly ranges: readonly CompiledRange[];
}

/**
 * Parse and sort a range's events for `scheme`. Ties apply `introduced` first, so `introduced: X,
 * fixed: X` is an empty range, not an open one. Returns undefined when an event version does not
 * parse, so a bad record never yields a finding.
 */
function compileRange(scheme: VersionScheme, range: OsvRange, ecosystem: string): CompiledRange | undefined {
  const events: ParsedEvent[] = [];
  for (const event of range.events) {
    const entry = eventKind(event);
    if (!entry) continue;
    const [kind, raw] = entry;
    if (kind === "introduced" && raw === "0") {
      events.push({ kind, raw, version: undefined });
      continue;
    }
    try {
      events.push({ kind, raw, version: scheme.parse(raw) });
    } catch {
      return undefined;
    }
  }
  events.sort((a, b) => {
    if (a.version === undefined || b.version === undefined) {
      return a.version === undefined ? (b.version === undefined ? 0 : -1) : 1;
    }
    return scheme.compare(a.version, b.version) || EVENT_ORDER[a.kind] - EVENT_ORDER[b.kind];
  });
  return { scheme, events, description: describeRange(range), vers: versOf(ecosystem, range) };
}

/** The range as a canonical vers, or undefined where vers cannot say it (the match still stands). */
function versOf(ecosystem: string, range: OsvRange): string | undefined {
  try {
    return formatVers(versFromOsvRange(ecosystem, range));
  } catch {
    return undefined;
  }
}

/**
 * Walk the sorted events per the OSV schema's algorithm: `introduced` opens, `fixed`/`limit` close
 * at their version, `last_affected` closes after it.
 */
function inCompiledRange(range: CompiledRange, version: unknown): boolean {
  let affected = false;
  for (const event of range.events) {
    const order = event.version === undefined ? 1 : range.scheme.compare(version, event.version);
    if (event.kind === "introduced" && order >= 0) affected = true;
    else if ((event.kind === "fixed" || event.kind === "limit") && order >= 0) affected = false;
    else if (event.kind === "last_affected" && order > 0) affected = false;
  }
  return affected;
}

/**
 * Prepare an OSV `affected[]` entry for evaluation. SEMVER ranges use SemVer; ECOSYSTEM ranges use
 * the ecosystem's scheme when one is known; GIT ranges are resolved to versions by OSV producers
 * into `versions`, so they need no evaluation here.
 */
export function compileAffected(affected: OsvAffected): CompiledAffected {
  const ecosystemScheme = schemeForEcosystem(affected.ecosystem);
  const ranges: CompiledRange[] = [];
  for (const range of affected.ranges) {
    const scheme = range.type === "SEMVER" ? semverScheme : range.type === "ECOSYSTEM" ? ecosystemScheme : undefined;
    if (!scheme) continue;
    const compiled = compileRange(scheme as VersionScheme, range, affected.ecosystem);
    if (compiled) ranges.push(compiled);
  }
  return { ecosystem: affected.ecosystem, versions: new Set(affected.versions), ranges };
}

/**
 * Decide whether `version` is affected by a compiled entry: explicit `versions` first (exact
 * string, as OSV defines them), then each range. The version is parsed once per scheme.
 */
export function evaluateAffected(version: string, affected: CompiledAffected): AffectedEvidence | undefined {
  const plain = version.startsWith("v") && affected.ecosystem === "Go" ? version.slice(1) : version;
  if (affected.versions.has(version) || affected.versions.has(plain)) {
    return { rule: "version-list", detail: `listed version ${plain}` };
  }
  const parsed = new Map<VersionScheme, unknown>();
  for (const range of affected.ranges) {
    let value = parsed.get(range.scheme);
    if (value === undefined && !parsed.has(range.scheme)) {
      try {
        value = range.scheme.parse(version);
      } catch {
        value = undefined;
      }
      parsed.set(range.scheme, value);
    }
    if (value !== undefined && inCompiledRange(range, value)) {
      return range.vers === undefined
        ? { rule: "range", detail: range.description }
        : { rule: "range", detail: range.description, vers: range.vers };
    }
  }
  return undefined;
}

/** Decide whether `version` of the package is affected by one OSV `affected[]` entry. */
export function findAffectedEvidence(version: string, affected: OsvAffected): AffectedEvidence | undefined {
  return evaluateAffected(version, compileAffected(affected));
}
