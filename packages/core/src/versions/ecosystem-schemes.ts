import { apkScheme } from "./apk-scheme.js";
import { composerScheme } from "./composer-scheme.js";
import { debScheme } from "./deb-scheme.js";
import { gemScheme } from "./gem-scheme.js";
import { mavenScheme } from "./maven-scheme.js";
import { nugetScheme } from "./nuget-scheme.js";
import { pypiScheme } from "./pypi-scheme.js";
import { rpmScheme } from "./rpm-scheme.js";
import { semverScheme } from "./semver-scheme.js";
import type { VersionScheme } from "./version-scheme.js";

/**
 * The scheme that orders each OSV ecosystem's ECOSYSTEM ranges (ecosystem names from
 * osv-schema's ecosystems.json). Ecosystems not listed are matched by their explicit `versions`
 * lists only until their own scheme exists (see docs/adr/0006-matching-osv-ranges.md); that costs
 * recall, never precision.
 */
const ECOSYSTEM_SCHEMES = new Map<string, VersionScheme>([
  // SemVer 2.0.0
  ["crates.io", semverScheme],
  ["Go", semverScheme],
  ["npm", semverScheme],
  ["Hex", semverScheme],
  ["Pub", semverScheme],
  ["SwiftURL", semverScheme],
  ["PyPI", pypiScheme],
  ["Maven", mavenScheme],
  ["NuGet", nugetScheme],
  ["Packagist", composerScheme],
  ["RubyGems", gemScheme],
  // dpkg order
  ["Debian", debScheme],
  ["Ubuntu", debScheme],
  // apk-tools order: Alpine and the distributions built on apk
  ["Alpine", apkScheme],
  ["Alpaquita", apkScheme],
  ["BellSoft Hardened Containers", apkScheme],
  ["Chainguard", apkScheme],
  ["MinimOS", apkScheme],
  ["Wolfi", apkScheme],
  // rpmvercmp order
  ["AlmaLinux", rpmScheme],
  ["Azure Linux", rpmScheme],
  ["Mageia", rpmScheme],
  ["openEuler", rpmScheme],
  ["openSUSE", rpmScheme],
  ["Photon OS", rpmScheme],
  ["Red Hat", rpmScheme],
  ["Rocky Linux", rpmScheme],
  ["SUSE", rpmScheme],
]);

/** The scheme that orders versions of an OSV ecosystem (the part before any `:release`), if known. */
export function schemeForEcosystem(ecosystem: string): VersionScheme | undefined {
  const base = ecosystem.split(":")[0] ?? ecosystem;
  return ECOSYSTEM_SCHEMES.get(base);
}
