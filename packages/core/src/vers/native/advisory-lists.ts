import { NativeRangeError } from "../vers-errors.js";
import type { Vers, VersConstraint } from "../vers-types.js";
import { bumpRelease } from "./comparator-list.js";
import { versFromAlternatives } from "./interval-union.js";

/** Split a comma-separated advisory list, dropping blanks. */
function items(range: string): string[] {
  return range
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/**
 * nginx security advisories: `0.7.52-0.8.39` (inclusive span), `1.5.0+` (this and later in the
 * branch), bare versions, `all`; items are alternatives. A `+` on a stable branch (even minor)
 * stops at the next minor because fixes land per branch; on mainline (odd minor) it is open-ended.
 */
export function versFromNginxRange(range: string): Vers {
  const cleaned = range.trim().toLowerCase();
  if (cleaned === "all") return { type: "nginx", anyVersion: true, constraints: [] };
  const alternatives = items(cleaned).map((item): VersConstraint[] => {
    const span = /^([^-]+)-([^-]+)$/.exec(item);
    if (span?.[1] && span[2]) {
      return [
        { comparator: ">=", version: span[1] },
        { comparator: "<=", version: span[2] },
      ];
    }
    if (item.endsWith("+")) {
      const version = item.slice(0, -1);
      const minor = Number(version.split(".")[1]);
      if (Number.isNaN(minor)) throw new NativeRangeError("nginx", range, `bad version "${version}"`);
      if (minor % 2 === 1) return [{ comparator: ">=", version }];
      return [
        { comparator: ">=", version },
        { comparator: "<", version: `${bumpRelease(version, 2)}.0` },
      ];
    }
    return [{ comparator: "=", version: item }];
  });
  if (alternatives.length === 0) throw new NativeRangeError("nginx", range, "empty");
  return versFromAlternatives("nginx", alternatives, range);
}

/** OpenSSL advisories list affected versions one by one (`3.0.0, 1.0.1b`): each is a single version. */
export function versFromOpensslList(range: string): Vers {
  const versions = items(range.toLowerCase());
  if (versions.length === 0) throw new NativeRangeError("openssl", range, "empty");
  return versFromAlternatives(
    "openssl",
    versions.map((version) => [{ comparator: "=", version }]),
    range,
  );
}
