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

/**
 * Evaluate one SEMVER/ECOSYSTEM range per the OSV schema's algorithm: walk the events in version
 * order; `introduced` opens, `fixed`/`limit` close at their version, `last_affected` closes after it.
 * Ties apply `introduced` first, so `introduced: X, fixed: X` is an empty range, not an open one.
 * Returns undefined when an event version does not parse, so a bad record never yields a finding.
 */
function inRange<P>(scheme: VersionScheme<P>, version: P, range: OsvRange): boolean | undefined {
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
    return scheme.compare(a.version as P, b.version as P) || EVENT_ORDER[a.kind] - EVENT_ORDER[b.kind];
  });
  let affected = false;
  for (const event of events) {
    const order = event.version === undefined ? 1 : scheme.compare(version, event.version as P);
    if (event.kind === "introduced" && order >= 0) affected = true;
    else if ((event.kind === "fixed" || event.kind === "limit") && order >= 0) affected = false;
    else if (event.kind === "last_affected" && order > 0) affected = false;
  }
  return affected;
}

/**
 * Decide whether `version` of the package is affected by one OSV `affected[]` entry.
 * Explicit `versions` are checked first (exact string, as OSV defines them), then every
 * SEMVER range and every ECOSYSTEM range whose ecosystem has a known scheme. GIT ranges are
 * resolved to versions by OSV producers into `versions`, so they need no evaluation here.
 */
export function findAffectedEvidence(version: string, affected: OsvAffected): AffectedEvidence | undefined {
  const plain = version.startsWith("v") && affected.ecosystem === "Go" ? version.slice(1) : version;
  if (affected.versions.includes(version) || affected.versions.includes(plain)) {
    return { rule: "version-list", detail: `listed version ${plain}` };
  }
  const ecosystemScheme = schemeForEcosystem(affected.ecosystem);
  for (const range of affected.ranges) {
    const scheme = range.type === "SEMVER" ? semverScheme : range.type === "ECOSYSTEM" ? ecosystemScheme : undefined;
    if (!scheme) continue;
    let parsed: unknown;
    try {
      parsed = scheme.parse(version);
    } catch {
      continue;
    }
    if (inRange(scheme, parsed, range)) return { rule: "range", detail: describeRange(range) };
  }
  return undefined;
}
