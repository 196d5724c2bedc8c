/**
 * PURL and vers types and the version scheme that orders each one's versions. vers types are purl
 * types by convention (vers-spec), so one table serves both; the few vers-only types (`semver`,
 * `gentoo`, `openssl`, `nginx`) are listed here too. A type with `scheme: null` has no ordering
 * fleetpatch implements yet: its advisories match by explicit versions, or by SEMVER ranges read as
 * SemVer.
 *
 * Scheme names are the keys of `versions/registry.ts`; the completeness test
 * (`ecosystems.test.ts`) fails when a registered scheme serves no type, or a type names a scheme
 * that is not registered.
 */

/** What fleetpatch knows of one PURL or vers type. */
export interface PackageType {
  /** The lowercase type (`deb`, `golang`, `semver`). */
  readonly type: string;
  /** Registry name of the scheme that orders its versions, or null when none exists yet. */
  readonly scheme: string | null;
  /** True for vers-only types that name an ordering rather than a package ecosystem. */
  readonly versOnly?: boolean;
  /** Why there is no scheme, for types with `scheme: null`. */
  readonly noSchemeReason?: string;
}

const T = (type: string, scheme: string | null, extra: Partial<PackageType> = {}): PackageType => ({
  type,
  scheme,
  ...extra,
});

/** Every type fleetpatch matches on, by name. */
export const PACKAGE_TYPES: readonly PackageType[] = [
  // Language ecosystems
  T("cargo", "semver"),
  T("golang", "semver"),
  T("npm", "npm"),
  T("hex", "semver"),
  T("pub", "semver"),
  T("swift", "semver"),
  T("pypi", "pypi"),
  T("maven", "maven"),
  T("nuget", "nuget"),
  T("gem", "gem"),
  T("composer", "composer"),
  T("conan", "conan"),
  T("hackage", null, { noSchemeReason: "Haskell PVP order not implemented; OSV lists versions" }),
  T("cran", null, { noSchemeReason: "R package_version order not implemented; OSV lists versions" }),
  T("opam", null, { noSchemeReason: "opam (Debian-like) order not implemented; OSV lists versions" }),
  T("julia", null, { noSchemeReason: "Julia uses SemVer ranges (SEMVER) only" }),
  T("github", null, { noSchemeReason: "GitHub Actions tags; advisories use SEMVER ranges" }),
  T("bitnami", null, { noSchemeReason: "Bitnami advisories use SEMVER ranges" }),
  T("vscode-extension", null, { noSchemeReason: "marketplace versions; advisories use SEMVER ranges" }),
  // Operating-system packages
  T("deb", "deb"),
  T("rpm", "rpm"),
  T("apk", "apk"),
  T("alpm", "alpm"),
  // Firmware and everything without a package manager
  T("generic", "generic"),
  // vers-only orderings
  T("semver", "semver", { versOnly: true }),
  T("gentoo", "gentoo", { versOnly: true }),
  T("ebuild", "gentoo"),
  T("openssl", "openssl", { versOnly: true }),
  // nginx publishes plain x.y.z versions and its advisories read as SemVer (as univers does).
  T("nginx", "semver", { versOnly: true }),
];

const BY_TYPE = new Map(PACKAGE_TYPES.map((entry) => [entry.type, entry]));

/** The entry of a (lowercase) PURL or vers type, if fleetpatch knows it. */
export function packageType(type: string): PackageType | undefined {
  return BY_TYPE.get(type);
}

/** The registry name of the scheme ordering `type`'s versions, or undefined. */
export function schemeNameOfType(type: string): string | undefined {
  return BY_TYPE.get(type)?.scheme ?? undefined;
}
