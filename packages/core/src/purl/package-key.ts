import { formatPackageUrl, parsePackageUrl } from "./purl.js";
import { purlTypeRules } from "./purl-types.js";

/**
 * The identity of a package independent of its version: the PURL's type, namespace and name,
 * normalised so that the same package spelt two ways (an SBOM's PURL, an OSV ecosystem + name)
 * yields one key. Matching joins components and advisories on this key.
 */
export interface PackageKey {
  readonly type: string;
  readonly namespace: string | null;
  readonly name: string;
}

/** A parsed PURL: the package key plus the version it names, if any. */
export interface ParsedPurl extends PackageKey {
  readonly version: string | null;
  /** The PURL in canonical form. */
  readonly canonical: string;
}

/** OSV ecosystem names (before any `:release` suffix) and the PURL type each maps to. */
const OSV_ECOSYSTEM_TO_PURL_TYPE: Readonly<Record<string, string>> = {
  "crates.io": "cargo",
  Go: "golang",
  npm: "npm",
  PyPI: "pypi",
  Maven: "maven",
  NuGet: "nuget",
  RubyGems: "gem",
  Packagist: "composer",
  Hex: "hex",
  Pub: "pub",
  Hackage: "hackage",
  CRAN: "cran",
  SwiftURL: "swift",
  Debian: "deb",
  Ubuntu: "deb",
  Alpine: "apk",
  "Rocky Linux": "rpm",
  AlmaLinux: "rpm",
  "Red Hat": "rpm",
  openSUSE: "rpm",
  SUSE: "rpm",
};

/**
 * The name as a key: the type's case rule from the purl-spec definitions, and for PyPI the full
 * PEP 503 normalisation (runs of `-`, `_`, `.` become one `-`), because OSV and SBOMs spell
 * `zope.interface` and `zope-interface` for the same distribution; the canonical PURL keeps dots.
 */
function normaliseName(type: string, name: string): string {
  if (type === "pypi") return name.toLowerCase().replace(/[-_.]+/g, "-");
  return purlTypeRules(type)?.lowercaseName ? name.toLowerCase() : name;
}

function normaliseNamespace(type: string, namespace: string | null | undefined): string | null {
  if (!namespace) return null;
  return purlTypeRules(type)?.lowercaseNamespace ? namespace.toLowerCase() : namespace;
}

/** Build a key from parts, applying the type's normalisation. */
export function packageKey(type: string, namespace: string | null | undefined, name: string): PackageKey {
  const lowerType = type.toLowerCase();
  let keyNamespace = namespace ?? null;
  let keyName = name;
  if (purlTypeRules(lowerType)?.namespaceIsFirstSegment && keyNamespace?.includes("/")) {
    // git keys the host alone as namespace, as parsePackageUrl does, so both spellings meet.
    const slash = keyNamespace.indexOf("/");
    keyName = `${keyNamespace.slice(slash + 1)}/${keyName}`;
    keyNamespace = keyNamespace.slice(0, slash);
  }
  return {
    type: lowerType,
    namespace: normaliseNamespace(lowerType, keyNamespace),
    name: normaliseName(lowerType, keyName),
  };
}

/** Parse a PURL string (leniently, see parsePackageUrl) or throw PurlError, an InputError, saying why. */
export function parsePurl(purl: string): ParsedPurl {
  const parsed = parsePackageUrl(purl);
  const key = packageKey(parsed.type, parsed.namespace, parsed.name);
  return { ...key, version: parsed.version, canonical: formatPackageUrl(parsed) };
}

/**
 * The package key an OSV `affected[].package` names. The record's own `purl` wins when present;
 * otherwise the ecosystem and name are mapped per the OSV schema's ecosystem list.
 * Returns undefined for ecosystems that have no PURL type (e.g. GIT-only entries).
 */
export function packageKeyOfOsvPackage(pkg: {
  ecosystem: string;
  name: string;
  purl?: string;
}): PackageKey | undefined {
  if (pkg.purl) {
    const { type, namespace, name } = parsePurl(pkg.purl);
    return { type, namespace, name };
  }
  const base = pkg.ecosystem.split(":")[0] ?? pkg.ecosystem;
  const type = OSV_ECOSYSTEM_TO_PURL_TYPE[base];
  if (!type) return undefined;
  if (type === "maven") {
    const [group, artifact] = pkg.name.split(":");
    return artifact ? packageKey(type, group, artifact) : packageKey(type, null, pkg.name);
  }
  if (type === "golang" || type === "npm") {
    // Go module paths and scoped npm names put everything before the last "/" in the namespace.
    const slash = pkg.name.lastIndexOf("/");
    if (slash > 0) return packageKey(type, pkg.name.slice(0, slash), pkg.name.slice(slash + 1));
  }
  if (type === "deb") return packageKey(type, base === "Ubuntu" ? "ubuntu" : "debian", pkg.name);
  if (type === "apk") return packageKey(type, "alpine", pkg.name);
  return packageKey(type, null, pkg.name);
}

/** One string per key, for maps and indexes: `type/namespace/name`. */
export function packageKeyString(key: PackageKey): string {
  return `${key.type}/${key.namespace ?? ""}/${key.name}`;
}
