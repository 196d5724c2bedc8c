import { versFromAlternatives } from "./native/interval-union.js";
import { NativeRangeError } from "./vers-errors.js";
import type { Vers, VersConstraint } from "./vers-types.js";

/** The version fields of an NVD CPE match (feed 1.1 `cpe_match` and API 2.0 `cpeMatch` share them). */
export interface NvdCpeMatchVersions {
  readonly versionStartIncluding?: string;
  readonly versionStartExcluding?: string;
  readonly versionEndIncluding?: string;
  readonly versionEndExcluding?: string;
  /** The version field of the CPE name itself; `*` or `-`/absent means "any" / "not applicable". */
  readonly version?: string;
}

/**
 * Convert an NVD CPE match's version bounds to a canonical vers of `versType`. Without bounds the
 * CPE's own version decides: a concrete version is that single version, `*` is every version.
 */
export function versFromNvdCpeMatch(match: NvdCpeMatchVersions, versType: string): Vers {
  const constraints: VersConstraint[] = [];
  if (match.versionStartIncluding) constraints.push({ comparator: ">=", version: match.versionStartIncluding });
  if (match.versionStartExcluding) constraints.push({ comparator: ">", version: match.versionStartExcluding });
  if (match.versionEndIncluding) constraints.push({ comparator: "<=", version: match.versionEndIncluding });
  if (match.versionEndExcluding) constraints.push({ comparator: "<", version: match.versionEndExcluding });
  const described = JSON.stringify(match);
  if (match.versionStartIncluding && match.versionStartExcluding) {
    throw new NativeRangeError(versType, described, "both versionStartIncluding and versionStartExcluding are set");
  }
  if (match.versionEndIncluding && match.versionEndExcluding) {
    throw new NativeRangeError(versType, described, "both versionEndIncluding and versionEndExcluding are set");
  }
  if (constraints.length === 0) {
    const version = match.version;
    // "-" in a CPE means "not applicable": there is no version to compare, so no range can be stated.
    if (version === "-") throw new NativeRangeError(versType, described, 'the CPE version is "-" (not applicable)');
    if (version === undefined || version === "*" || version === "")
      return { type: versType, anyVersion: true, constraints: [] };
    constraints.push({ comparator: "=", version: unescapeCpeVersion(version) });
  }
  return versFromAlternatives(versType, [constraints], described);
}

/** CPE 2.3 formatted strings backslash-escape punctuation (`1.0\:beta`); vers wants the plain version. */
function unescapeCpeVersion(version: string): string {
  return version.replace(/\\(.)/g, "$1");
}
