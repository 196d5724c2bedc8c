import { UnsupportedNativeRangeError } from "../vers-errors.js";
import type { Vers } from "../vers-types.js";
import { versFromNginxRange, versFromOpensslList } from "./advisory-lists.js";
import {
  COMPOSER_DIALECT,
  CONAN_DIALECT,
  DEB_DIALECT,
  GEM_DIALECT,
  GOLANG_DIALECT,
  RPM_DIALECT,
  versFromComparatorList,
} from "./comparator-list.js";
import { versFromMavenRange, versFromNugetRange } from "./interval-notation.js";
import { versFromNpmRange } from "./npm-range.js";
import { versFromPypiSpecifier } from "./pypi-specifier.js";

/** Convert a RubyGems requirement (`~> 2.0.8`, `>= 1, < 3`) to a canonical vers. */
export function versFromGemRequirement(requirement: string): Vers {
  return versFromComparatorList(GEM_DIALECT, requirement);
}

/** Convert a Composer constraint (`^1.2 || >=2.2.0,<2.6.2`) to a canonical vers. */
export function versFromComposerConstraint(constraint: string): Vers {
  return versFromComparatorList(COMPOSER_DIALECT, constraint);
}

/** Convert a Go module range as advisories write it (`>=v1.3.0 <v1.3.2 || =v1.4.0`) to a canonical vers. */
export function versFromGoRange(range: string): Vers {
  return versFromComparatorList(GOLANG_DIALECT, range);
}

/** Convert a Conan version range (`>1 <2.0 || ^3.2`, optionally in brackets, options ignored) to a canonical vers. */
export function versFromConanRange(range: string): Vers {
  // `[>1 <2, include_prerelease]`: brackets come from conanfile syntax, options after the comma
  // only steer Conan's resolver and do not change which versions the range names.
  const expression =
    range
      .trim()
      .replace(/^\[(.*)\]$/, "$1")
      .split(",")[0] ?? "";
  // Conan itself reads `*` (and `*-`) as `>=0.0.0`, so its own odd versions such as `cci.20200203`
  // stay outside; vers `*` would let them in.
  return versFromComparatorList(CONAN_DIALECT, expression.replace(/(^|\s)\*-?(?=\s|$)/g, "$1>=0.0.0"));
}

/** Convert Debian relations (`>= 1:1.1.4, << 2.0`) to a canonical vers. */
export function versFromDebRelations(relations: string): Vers {
  return versFromComparatorList(DEB_DIALECT, relations.trim());
}

/** Convert RPM dependency version constraints (`>= 1:2.3-4, < 3`) to a canonical vers. */
export function versFromRpmConstraints(constraints: string): Vers {
  return versFromComparatorList(RPM_DIALECT, constraints.trim());
}

const CONVERTERS: Readonly<Record<string, (range: string) => Vers>> = {
  conan: versFromConanRange,
  deb: versFromDebRelations,
  rpm: versFromRpmConstraints,
  npm: versFromNpmRange,
  pypi: versFromPypiSpecifier,
  gem: versFromGemRequirement,
  composer: versFromComposerConstraint,
  golang: versFromGoRange,
  maven: versFromMavenRange,
  nuget: versFromNugetRange,
  nginx: versFromNginxRange,
  openssl: versFromOpensslList,
};

/** vers types that have a native-range converter. */
export const NATIVE_RANGE_TYPES: readonly string[] = Object.keys(CONVERTERS).sort();

/** Convert a native range of the given vers type; throws UnsupportedNativeRangeError for other types. */
export function versFromNative(versType: string, nativeRange: string): Vers {
  const convert = CONVERTERS[versType.toLowerCase()];
  if (convert === undefined) throw new UnsupportedNativeRangeError(versType);
  return convert(nativeRange);
}
