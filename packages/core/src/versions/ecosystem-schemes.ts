import { semverScheme } from "./semver-scheme.js";
import type { VersionScheme } from "./version-scheme.js";

/**
 * OSV ecosystems whose ECOSYSTEM ranges order versions by SemVer 2.0.0. Ecosystems not listed
 * here are matched by their explicit `versions` lists only until their own scheme exists
 * (see docs/adr/0005-matching-osv-ranges.md); that costs recall, never precision.
 */
const SEMVER_ECOSYSTEMS = new Set(["crates.io", "Go", "npm", "Hex", "Pub", "SwiftURL"]);

/** The scheme that orders versions of an OSV ecosystem (the part before any `:release`), if known. */
export function schemeForEcosystem(ecosystem: string): VersionScheme | undefined {
  const base = ecosystem.split(":")[0] ?? ecosystem;
  return SEMVER_ECOSYSTEMS.has(base) ? semverScheme : undefined;
}
