import { compare, SemVer } from "semver";
import { InvalidVersionError, type VersionScheme } from "./version-scheme.js";

/**
 * Semantic Versioning 2.0.0, as used by npm, Go modules and crates.io. Go writes versions with a
 * leading `v` (`v1.2.3`, pseudo-versions `v0.0.0-20200220183623-bac4c82f6975`); OSV writes them
 * without, so one leading `v` is accepted and dropped.
 */
export const semverScheme: VersionScheme<SemVer> = {
  name: "semver",
  parse(version: string): SemVer {
    const text = version.startsWith("v") ? version.slice(1) : version;
    try {
      return new SemVer(text, { loose: false });
    } catch {
      throw new InvalidVersionError("semver", version);
    }
  },
  compare(a: SemVer, b: SemVer): number {
    return compare(a, b);
  },
};
