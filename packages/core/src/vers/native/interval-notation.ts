import { NativeRangeError } from "../vers-errors.js";
import type { Vers, VersConstraint } from "../vers-types.js";
import { versFromAlternatives } from "./interval-union.js";

/**
 * Maven and NuGet write ranges in mathematical interval notation: `[1.0,2.0)`, `(,1.0]`, `[1.2]`,
 * several intervals separated by commas. They differ only in what a bare `1.0` means.
 */

/** What a bare version outside brackets means: NuGet "at least", Maven (in advisories) "exactly". */
export type BareVersionMeaning = "minimum" | "exact";

const INTERVAL = /^\s*([[(])\s*([^,\])]*?)\s*(?:(,)\s*([^,\])]*?)\s*)?([\])])\s*(?:,|$)/;

/** Read interval notation into alternatives of constraints. */
function readIntervals(versType: string, range: string, bare: BareVersionMeaning): VersConstraint[][] {
  const trimmed = range.trim();
  if (!/^[[(]/.test(trimmed)) {
    if (trimmed === "" || /[[\](),]/.test(trimmed)) throw new NativeRangeError(versType, range, "not an interval");
    return [[{ comparator: bare === "minimum" ? ">=" : "=", version: trimmed }]];
  }
  const alternatives: VersConstraint[][] = [];
  let rest = trimmed;
  while (rest.length > 0) {
    const match = INTERVAL.exec(rest);
    if (!match) throw new NativeRangeError(versType, range, `cannot read "${rest}"`);
    const [whole, open = "", lower = "", comma, upper = "", close = ""] = match;
    if (comma === undefined) {
      // `[1.2]` is exactly 1.2; `(1.2)` has no meaning.
      if (open !== "[" || close !== "]" || lower === "")
        throw new NativeRangeError(versType, range, "bad exact version");
      alternatives.push([{ comparator: "=", version: lower }]);
    } else {
      const constraints: VersConstraint[] = [];
      if (lower !== "") constraints.push({ comparator: open === "[" ? ">=" : ">", version: lower });
      if (upper !== "") constraints.push({ comparator: close === "]" ? "<=" : "<", version: upper });
      alternatives.push(constraints);
    }
    rest = rest.slice(whole.length);
  }
  return alternatives;
}

/** Convert a Maven version range (`[1.0,2.0),[3.0,)`) to a canonical vers. */
export function versFromMavenRange(range: string): Vers {
  return versFromAlternatives("maven", readIntervals("maven", range, "exact"), range);
}

/** Convert a NuGet version range (`[1.0.0, 2.0.0)`, bare `1.0` = at least 1.0) to a canonical vers. */
export function versFromNugetRange(range: string): Vers {
  return versFromAlternatives("nuget", readIntervals("nuget", range, "minimum"), range);
}
