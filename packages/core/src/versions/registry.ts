import { semverScheme } from "./semver-scheme.js";
import type { VersionScheme } from "./version-scheme.js";

/**
 * Every version scheme by its stable name (`semver`, `deb`, `rpm`, `apk`, `pypi`, `maven`, …).
 * vers ranges and OSV ECOSYSTEM ranges look their scheme up here.
 */
const SCHEMES = new Map<string, VersionScheme>([[semverScheme.name, semverScheme]]);

/** The scheme registered under `name`, if any. */
export function getVersionScheme(name: string): VersionScheme | undefined {
  return SCHEMES.get(name);
}

/** Names of all registered schemes. */
export function versionSchemeNames(): string[] {
  return [...SCHEMES.keys()].sort();
}
