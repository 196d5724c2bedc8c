import { alpmScheme } from "./alpm-scheme.js";
import { apkScheme } from "./apk-scheme.js";
import { composerScheme } from "./composer-scheme.js";
import { conanScheme } from "./conan-scheme.js";
import { debScheme } from "./deb-scheme.js";
import { gemScheme } from "./gem-scheme.js";
import { genericScheme } from "./generic-scheme.js";
import { gentooScheme } from "./gentoo-scheme.js";
import { mavenScheme } from "./maven-scheme.js";
import { nugetScheme } from "./nuget-scheme.js";
import { opensslScheme } from "./openssl-scheme.js";
import { pypiScheme } from "./pypi-scheme.js";
import { rpmScheme } from "./rpm-scheme.js";
import { npmScheme, semverScheme } from "./semver-scheme.js";
import type { VersionScheme } from "./version-scheme.js";

/**
 * Every version scheme by its stable name. Names equal purl/vers type names (`vers:deb/…`,
 * `vers:pypi/…`), so a vers range finds its scheme without a mapping table; several names share
 * one scheme where the ecosystems share an order (npm, Go modules and crates.io are all SemVer).
 */
const SCHEMES = new Map<string, VersionScheme>([
  ["semver", semverScheme],
  ["npm", npmScheme],
  ["golang", semverScheme],
  ["cargo", semverScheme],
  ["nuget", nugetScheme],
  ["pypi", pypiScheme],
  ["maven", mavenScheme],
  ["deb", debScheme],
  ["rpm", rpmScheme],
  ["apk", apkScheme],
  ["gentoo", gentooScheme],
  ["openssl", opensslScheme],
  ["generic", genericScheme],
  ["gem", gemScheme],
  ["composer", composerScheme],
  ["alpm", alpmScheme],
  ["conan", conanScheme],
]);

/** The scheme registered under `name`, if any. */
export function getVersionScheme(name: string): VersionScheme | undefined {
  return SCHEMES.get(name);
}

/** Names of all registered schemes. */
export function versionSchemeNames(): string[] {
  return [...SCHEMES.keys()].sort();
}
