import { compareText } from "./numeric.js";
import { InvalidVersionError, type VersionScheme } from "./version-scheme.js";

/** A parsed OpenSSL release `major.minor.patch[letters][-label[number]]`, e.g. `1.0.2zd`, `3.0.0-alpha1`. */
export interface OpensslVersion {
  readonly numbers: readonly [number, number, number];
  /** Letter release (`k`, `zh`), "" for none; `y` < `za` < `zb` holds lexically. */
  readonly letters: string;
  /** Label rank: alpha 0, beta 1, pre 2, none 3, cvs/dev 4 (snapshots taken after the release). */
  readonly labelRank: number;
  readonly labelNumber: number;
}

const LABEL_RANK: Readonly<Record<string, number>> = { alpha: 0, beta: 1, pre: 2, "": 3, cvs: 4, dev: 4 };
const OPENSSL = /^(\d+)\.(\d+)\.(\d+)([a-z]*)(?:-(alpha|beta|pre|cvs|dev)(\d*))?$/;

function parseOpenssl(version: string): OpensslVersion {
  const match = typeof version === "string" ? OPENSSL.exec(version) : null;
  if (!match) throw new InvalidVersionError("openssl", version);
  return {
    numbers: [Number(match[1]), Number(match[2]), Number(match[3])],
    letters: match[4] ?? "",
    labelRank: LABEL_RANK[match[5] ?? ""] ?? 3,
    labelNumber: match[6] ? Number(match[6]) : 0,
  };
}

/** OpenSSL release order: numbers, letter release, then pre-release or snapshot label. */
export function compareOpenssl(a: OpensslVersion, b: OpensslVersion): number {
  for (let index = 0; index < 3; index++) {
    const x = a.numbers[index] as number;
    const y = b.numbers[index] as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  const letters = compareText(a.letters, b.letters);
  if (letters !== 0) return letters;
  if (a.labelRank !== b.labelRank) return a.labelRank < b.labelRank ? -1 : 1;
  return a.labelNumber === b.labelNumber ? 0 : a.labelNumber < b.labelNumber ? -1 : 1;
}

/**
 * OpenSSL versions with letter releases (`1.0.2k`, `0.9.8zh`) as in OpenSSL's own advisories,
 * which semver cannot order. Labels follow univers' order: `-alpha`/`-beta`/`-pre` before the
 * release, `-cvs`/`-dev` snapshots after it.
 */
export const opensslScheme: VersionScheme<OpensslVersion> = {
  name: "openssl",
  parse: parseOpenssl,
  compare: compareOpenssl,
};
