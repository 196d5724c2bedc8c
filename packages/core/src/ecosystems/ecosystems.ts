import { getVersionScheme } from "../versions/registry.js";
import type { VersionScheme } from "../versions/version-scheme.js";
import { ECOSYSTEMS, type Ecosystem, type ReleaseRule } from "./ecosystem-table.js";
import { schemeNameOfType } from "./package-types.js";

/*
 * Views of the ecosystem table. Lookups are by exact OSV name first and case-insensitively second,
 * because some converters write `NPM` or `RUBYGEMS`; the table itself holds the spelling of
 * osv-schema's ecosystems.json.
 */

const BY_NAME = new Map(ECOSYSTEMS.map((entry) => [entry.osvName, entry]));
const BY_LOWER_NAME = new Map(ECOSYSTEMS.map((entry) => [entry.osvName.toLowerCase(), entry]));
/** `type/namespace` (namespace canonical or alias) → the distribution ecosystem that owns it. */
const BY_TYPE_AND_NAMESPACE = new Map<string, Ecosystem>();
/** `type/alias` → canonical namespace. */
const NAMESPACE_ALIASES = new Map<string, string>();
for (const entry of ECOSYSTEMS) {
  if (entry.namespace === null) continue;
  BY_TYPE_AND_NAMESPACE.set(`${entry.purlType}/${entry.namespace}`, entry);
  for (const alias of entry.namespaceAliases ?? []) {
    BY_TYPE_AND_NAMESPACE.set(`${entry.purlType}/${alias}`, entry);
    NAMESPACE_ALIASES.set(`${entry.purlType}/${alias}`, entry.namespace);
  }
}

/** An OSV ecosystem string (`Debian:12`, `Ubuntu:Pro:22.04:LTS`) read against the table. */
export interface ResolvedEcosystem {
  readonly ecosystem: Ecosystem;
  /** The release key (`12`, `22.04`), or null when the string names no release. */
  readonly release: string | null;
}

/** The table entry named by an OSV ecosystem string, with its release key; undefined when unknown. */
export function resolveOsvEcosystem(value: string): ResolvedEcosystem | undefined {
  const colon = value.indexOf(":");
  const base = colon < 0 ? value : value.slice(0, colon);
  const ecosystem = BY_NAME.get(base) ?? BY_LOWER_NAME.get(base.toLowerCase());
  if (!ecosystem) return undefined;
  const suffix = colon < 0 ? "" : value.slice(colon + 1);
  return { ecosystem, release: releaseKey(ecosystem.release, suffix) };
}

/** The ecosystem entry of an OSV ecosystem name (with or without a release suffix). */
export function findEcosystem(value: string): Ecosystem | undefined {
  return resolveOsvEcosystem(value)?.ecosystem;
}

/**
 * The key two releases are compared by, per the ecosystem's rule (see ReleaseRule); null for
 * "no release" (empty input, or an ecosystem without releases).
 */
export function releaseKey(rule: ReleaseRule, raw: string | null | undefined): string | null {
  const value = raw?.trim().toLowerCase() ?? "";
  if (rule === "none" || value === "") return null;
  if (rule === "exact") return value;
  const numbers = /(\d+)(?:\.(\d+))?/.exec(value);
  // A named release without numbers (`sid`, `stream`) is its own key.
  if (!numbers?.[1]) return value;
  // Digits are kept as written: Ubuntu's `22.04` is a name as much as a number.
  if (rule === "major") return numbers[1];
  return `${numbers[1]}.${numbers[2] ?? "0"}`;
}

/** The distribution ecosystem whose packages carry this PURL type and namespace (`deb`, `debian`). */
export function ecosystemOfPackage(type: string, namespace: string | null): Ecosystem | undefined {
  if (namespace === null) return undefined;
  return BY_TYPE_AND_NAMESPACE.get(`${type}/${namespace.toLowerCase()}`);
}

/** The canonical namespace for an alias (`rpm`, `rocky` → `rocky-linux`); other namespaces unchanged. */
export function canonicalNamespace(type: string, namespace: string): string {
  return NAMESPACE_ALIASES.get(`${type}/${namespace.toLowerCase()}`) ?? namespace;
}

/** PURL type, namespace and name of an OSV package, before the type's case rules are applied. */
export function osvPackageParts(
  ecosystem: Ecosystem,
  name: string,
): { type: string; namespace: string | null; name: string } {
  const type = ecosystem.purlType;
  if (ecosystem.namespace !== null) return { type, namespace: ecosystem.namespace, name };
  const split = (at: number, skip = 1) =>
    at > 0 ? { type, namespace: name.slice(0, at), name: name.slice(at + skip) } : { type, namespace: null, name };
  switch (ecosystem.names) {
    case "plain":
      return { type, namespace: null, name };
    case "last-slash":
      return split(name.lastIndexOf("/"));
    case "maven":
      return split(name.indexOf(":"));
    case "first-dot":
      return split(name.indexOf("."));
    case "url": {
      const path = name.replace(/^[a-z+]+:\/\//i, "").replace(/\.git$/, "");
      const slash = path.lastIndexOf("/");
      return slash > 0
        ? { type, namespace: path.slice(0, slash), name: path.slice(slash + 1) }
        : { type, namespace: null, name: path };
    }
  }
}

/** The version scheme of a PURL or vers type, via the type table; undefined when none exists yet. */
export function schemeOfType(type: string): VersionScheme | undefined {
  const name = schemeNameOfType(type);
  return name === undefined ? undefined : getVersionScheme(name);
}

/** The version scheme of an OSV ecosystem (with or without a release suffix), if known. */
export function schemeOfEcosystem(value: string): VersionScheme | undefined {
  const ecosystem = findEcosystem(value);
  return ecosystem ? schemeOfType(ecosystem.purlType) : undefined;
}
