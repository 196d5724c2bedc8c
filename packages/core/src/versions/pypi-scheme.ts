import { parse as parsePep440 } from "@renovatebot/pep440";
import { InvalidVersionError, type VersionScheme } from "./version-scheme.js";

/**
 * A PEP 440 version reduced to its sort key. Parsing and normalisation (`1.0-a1` = `1.0a1`,
 * `1.0c1` = `1.0rc1`, implicit post and dev numbers) come from @renovatebot/pep440; the key is ours
 * because that library compares strings, re-parsing both on every call.
 */
export interface PypiVersion {
  readonly epoch: number;
  /** Release numbers with trailing zeros removed, so `1.0` and `1` compare equal. */
  readonly release: readonly number[];
  /** 0 for dev-only releases (below every pre-release), 1 `a`, 2 `b`, 3 `rc`, 4 for none. */
  readonly preRank: number;
  readonly preNumber: number;
  /** -1 when there is no post-release segment. */
  readonly post: number;
  /** Infinity when there is no dev segment (a release sorts after its dev releases). */
  readonly dev: number;
  /** Local version segments (`+ubuntu.1`), undefined when absent. */
  readonly local: readonly (number | string)[] | undefined;
}

const PRE_RANK: Readonly<Record<string, number>> = { a: 1, b: 2, rc: 3 };

function parsePypi(version: string): PypiVersion {
  const parsed = typeof version === "string" ? parsePep440(version) : null;
  if (!parsed) throw new InvalidVersionError("pypi", version);
  const release = [...parsed.release];
  while (release.length > 0 && release[release.length - 1] === 0) release.pop();
  const [preLabel, preNumber] = (parsed.pre ?? []) as [string?, number?];
  const hasPre = preLabel !== undefined;
  const post = parsed.post ? Number(parsed.post[1]) : -1;
  const dev = parsed.dev ? Number(parsed.dev[1]) : Number.POSITIVE_INFINITY;
  // PEP 440: `1.0.dev0` sorts before `1.0a0`, but only when there is no pre or post segment.
  const preRank = hasPre ? (PRE_RANK[preLabel] ?? 4) : !parsed.post && parsed.dev ? 0 : 4;
  const local = (parsed.local as unknown as (number | string)[] | null) ?? undefined;
  return { epoch: parsed.epoch, release, preRank, preNumber: hasPre ? Number(preNumber) : 0, post, dev, local };
}

function compareNumber(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** PEP 440 local segments: numbers above words, numbers numerically, words lexically, shorter first. */
function compareLocal(a: readonly (number | string)[], b: readonly (number | string)[]): number {
  const shared = Math.min(a.length, b.length);
  for (let index = 0; index < shared; index++) {
    const x = a[index] as number | string;
    const y = b[index] as number | string;
    if (typeof x !== typeof y) return typeof x === "number" ? 1 : -1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return compareNumber(a.length, b.length);
}

/** PEP 440 order of two parsed versions. */
export function comparePypi(a: PypiVersion, b: PypiVersion): number {
  if (a.epoch !== b.epoch) return compareNumber(a.epoch, b.epoch);
  const shared = Math.min(a.release.length, b.release.length);
  for (let index = 0; index < shared; index++) {
    const order = compareNumber(a.release[index] as number, b.release[index] as number);
    if (order !== 0) return order;
  }
  if (a.release.length !== b.release.length) return compareNumber(a.release.length, b.release.length);
  if (a.preRank !== b.preRank) return compareNumber(a.preRank, b.preRank);
  if (a.preNumber !== b.preNumber) return compareNumber(a.preNumber, b.preNumber);
  if (a.post !== b.post) return compareNumber(a.post, b.post);
  if (a.dev !== b.dev) return compareNumber(a.dev, b.dev);
  if (a.local === undefined || b.local === undefined) {
    return a.local === b.local ? 0 : a.local === undefined ? -1 : 1;
  }
  return compareLocal(a.local, b.local);
}

/** PEP 440 versions (PyPI), parsed by @renovatebot/pep440 and compared on a precomputed key. */
export const pypiScheme: VersionScheme<PypiVersion> = {
  name: "pypi",
  parse: parsePypi,
  compare: comparePypi,
};
