/** vers, the version range specifier (https://github.com/package-url/vers-spec): parse, build, contain, convert. */

export { versFromNginxRange, versFromOpensslList } from "./native/advisory-lists.js";
export { versFromMavenRange, versFromNugetRange } from "./native/interval-notation.js";
export { EmptyNativeRangeError, type NativeAlternatives, versFromAlternatives } from "./native/interval-union.js";
export {
  NATIVE_RANGE_TYPES,
  versFromComposerConstraint,
  versFromConanRange,
  versFromDebRelations,
  versFromGemRequirement,
  versFromGoRange,
  versFromNative,
  versFromRpmConstraints,
} from "./native/native-range.js";
export { versFromNpmRange } from "./native/npm-range.js";
export { versFromPypiSpecifier } from "./native/pypi-specifier.js";
export { type NvdCpeMatchVersions, versFromNvdCpeMatch } from "./nvd-cpe-match.js";
export { versFromOsvRange, versTypeForOsvEcosystem } from "./osv-range.js";
export {
  assertCanonicalVers,
  buildVers,
  canonicalVers,
  compileVers,
  normalizeVers,
  parseVers,
  type VersMatcher,
  versContains,
} from "./vers.js";
export * from "./vers-errors.js";
export type { DatetimeInstant } from "./vers-schemes.js";
export {
  datetimeScheme,
  findVersScheme,
  intdotScheme,
  lexicographicScheme,
  STAR_ONLY_TYPES,
  versSchemeFor,
} from "./vers-schemes.js";
export {
  decodeVersVersion,
  encodeVersVersion,
  formatVers,
  parseVersSyntax,
  type VersStrictness,
} from "./vers-syntax.js";
export * from "./vers-types.js";
