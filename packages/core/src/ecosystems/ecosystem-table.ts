/**
 * THE ecosystem table: for every OSV ecosystem (osv-schema `ecosystems.json`) the PURL type it
 * maps to, how its package names split into PURL namespace and name, and how its `:<release>`
 * suffix reads. The version scheme comes from the PURL type (`package-types.ts`), so an ecosystem
 * cannot disagree with the type about ordering. Everything that maps ecosystems — package keys,
 * vers types, release scoping — is a view of this table.
 *
 * OS distributions get the PURL namespace their advisories' own `purl` fields use where OSV
 * publishes one (`redhat`, `rocky-linux`, `wolfi`, `chainguard`), else the os-release `ID`;
 * `namespaceAliases` are the other spellings SBOM producers write (syft writes `rocky`, `rhel`).
 */

/** How an OSV package name becomes a PURL namespace and name. */
export type NameRule =
  /** The whole name is the PURL name (crates, PyPI, distro source packages). */
  | "plain"
  /** Everything before the last `/` is the namespace (Go modules, scoped npm, Packagist vendor). */
  | "last-slash"
  /** `groupId:artifactId`. */
  | "maven"
  /** A git URL: scheme and `.git` dropped, then split at the last `/` (SwiftURL). */
  | "url"
  /** `<publisher>.<name>` (VS Code extensions). */
  | "first-dot";

/**
 * How a release is written, read into the key that two releases are compared by:
 * `none` — the ecosystem has no releases (or the suffix is a repository URL);
 * `major` — the first number (`Debian:12`, `rocky-9.2` → `9`; Red Hat's CPE stream `rhel_aus:8.4::appstream` → `8`);
 * `major.minor` — the first two numbers (`Alpine:v3.18`, `alpine-3.18.4` → `3.18`; `Ubuntu:Pro:22.04:LTS` → `22.04`);
 * `exact` — the whole release, lowercased (`Alpaquita:stream`, `openEuler:22.03-LTS-SP1`).
 */
export type ReleaseRule = "none" | "major" | "major.minor" | "exact";

/** One OSV ecosystem that fleetpatch matches. */
export interface Ecosystem {
  /** The OSV ecosystem name without any `:` suffix. */
  readonly osvName: string;
  readonly purlType: string;
  /** The fixed PURL namespace of a distribution's packages, or null when the name carries it. */
  readonly namespace: string | null;
  /** Other namespaces SBOM producers use for the same distribution; keyed as `namespace`. */
  readonly namespaceAliases?: readonly string[];
  readonly names: NameRule;
  readonly release: ReleaseRule;
}

/** An OSV ecosystem fleetpatch deliberately does not match, and why. */
export interface UnsupportedEcosystem {
  readonly osvName: string;
  readonly reason: string;
}

const E = (
  osvName: string,
  purlType: string,
  names: NameRule,
  release: ReleaseRule = "none",
  namespace: string | null = null,
  namespaceAliases?: readonly string[],
): Ecosystem => ({
  osvName,
  purlType,
  namespace,
  names,
  release,
  ...(namespaceAliases ? { namespaceAliases } : {}),
});

/** Every OSV ecosystem fleetpatch matches. */
export const ECOSYSTEMS: readonly Ecosystem[] = [
  // Language ecosystems
  E("crates.io", "cargo", "plain"),
  E("Go", "golang", "last-slash"),
  E("Kubernetes", "golang", "last-slash"),
  E("npm", "npm", "last-slash"),
  E("PyPI", "pypi", "plain"),
  E("Maven", "maven", "maven"),
  E("NuGet", "nuget", "plain"),
  E("RubyGems", "gem", "plain"),
  E("Packagist", "composer", "last-slash"),
  E("Hex", "hex", "plain"),
  E("Pub", "pub", "plain"),
  E("SwiftURL", "swift", "url"),
  E("ConanCenter", "conan", "plain"),
  E("Hackage", "hackage", "plain"),
  E("CRAN", "cran", "plain"),
  E("opam", "opam", "plain"),
  E("Julia", "julia", "plain"),
  E("GitHub Actions", "github", "last-slash"),
  E("Bitnami", "bitnami", "plain"),
  E("VSCode", "vscode-extension", "first-dot"),
  // dpkg distributions
  E("Debian", "deb", "plain", "major", "debian"),
  E("Ubuntu", "deb", "plain", "major.minor", "ubuntu"),
  // apk distributions
  E("Alpine", "apk", "plain", "major.minor", "alpine"),
  E("Alpaquita", "apk", "plain", "exact", "alpaquita"),
  E("BellSoft Hardened Containers", "apk", "plain", "exact", "bellsoft-hardened-containers"),
  E("Chainguard", "apk", "plain", "none", "chainguard"),
  E("MinimOS", "apk", "plain", "none", "minimos"),
  E("Wolfi", "apk", "plain", "none", "wolfi"),
  // rpm distributions
  E("Red Hat", "rpm", "plain", "major", "redhat", ["rhel"]),
  E("Rocky Linux", "rpm", "plain", "major", "rocky-linux", ["rocky"]),
  E("AlmaLinux", "rpm", "plain", "major", "almalinux", ["alma"]),
  E("Azure Linux", "rpm", "plain", "major", "azurelinux", ["mariner", "cbl-mariner"]),
  E("Mageia", "rpm", "plain", "major", "mageia"),
  E("openEuler", "rpm", "plain", "exact", "openeuler"),
  E("openSUSE", "rpm", "plain", "exact", "opensuse", ["opensuse-leap", "opensuse-tumbleweed"]),
  E("SUSE", "rpm", "plain", "exact", "suse", ["sles", "sle"]),
  E("Photon OS", "rpm", "plain", "major", "photon"),
];

/** OSV ecosystems that are listed upstream but not matched by package, with the reason. */
export const UNSUPPORTED_ECOSYSTEMS: readonly UnsupportedEcosystem[] = [
  { osvName: "Android", reason: "git projects of the Android tree; no package identity in an SBOM" },
  { osvName: "Bioconductor", reason: "no PURL type in purl-spec" },
  { osvName: "CleanStart", reason: "package format and PURL namespace not published" },
  { osvName: "Docker Hardened Images", reason: "package format and PURL namespace not published" },
  { osvName: "Echo", reason: "package format and PURL namespace not published" },
  { osvName: "FreeBSD", reason: "no PURL type for FreeBSD base, kernel or ports" },
  { osvName: "GHC", reason: "compiler components, not packages" },
  { osvName: "Linux", reason: "the kernel is matched by version and CPE, not by package" },
  { osvName: "OSS-Fuzz", reason: "GIT commit ranges only" },
  { osvName: "Root", reason: "vendor re-packages with prefixed names across several base ecosystems" },
  { osvName: "TuxCare", reason: "package format and PURL namespace not published" },
];
