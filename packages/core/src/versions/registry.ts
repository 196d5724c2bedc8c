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
 * Every version scheme by its stable name (the scheme's own `name`). Which PURL/vers types and OSV
 * ecosystems a scheme orders is the ecosystem table's business (`ecosystems/`), not this registry's;
 * the completeness test there fails when a scheme here serves no type.
 */
const SCHEMES = new Map<string, VersionScheme>([
  ["semver", semverScheme],
  ["npm", npmScheme],
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

/** The scheme registered under its scheme name (`semver`, `deb`), if any; for a PURL type use `schemeOfType`. */
export function getVersionScheme(name: string): VersionScheme | undefined {
  return SCHEMES.get(name);
}

/** Names of all registered schemes. */
export function versionSchemeNames(): string[] {
  return [...SCHEMES.keys()].sort();
}
