import { canonicalNamespace, osvPackageParts, resolveOsvEcosystem } from "../ecosystems/ecosystems.js";
import { releaseOfPurl } from "./distro.js";
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

/** A parsed PURL: the package key plus the version and distribution release it names, if any. */
export interface ParsedPurl extends PackageKey {
  readonly version: string | null;
  /** Release key of an OS package's `distro` qualifier (`12`, `3.18`), see releaseOfPurl. */
  readonly release: string | null;
  /** The PURL in canonical form. */
  readonly canonical: string;
}

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
  // Distributions spelt two ways (`rpm/rocky`, `rpm/rocky-linux`) key as one (ecosystem table).
  const canonical = canonicalNamespace(type, namespace);
  return purlTypeRules(type)?.lowercaseNamespace ? canonical.toLowerCase() : canonical;
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
  return { ...key, version: parsed.version, release: releaseOfPurl(parsed), canonical: formatPackageUrl(parsed) };
}

/**
 * The package key an OSV `affected[].package` names. The record's own `purl` wins when present;
 * otherwise the ecosystem table maps the ecosystem and splits the name (Go module paths, Maven
 * `group:artifact`, Packagist `vendor/package`, a distribution's fixed namespace).
 * Returns undefined for ecosystems the table does not match (e.g. Linux, OSS-Fuzz).
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
  const resolved = resolveOsvEcosystem(pkg.ecosystem);
  if (!resolved) return undefined;
  const parts = osvPackageParts(resolved.ecosystem, pkg.name);
  return packageKey(parts.type, parts.namespace, parts.name);
}

/** One string per key, for maps and indexes: `type/namespace/name`. */
export function packageKeyString(key: PackageKey): string {
  return `${key.type}/${key.namespace ?? ""}/${key.name}`;
}
