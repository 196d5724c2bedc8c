/**
 * Per-type rules transcribed from the purl-spec type definitions (`types/*-definition.json` at
 * package-url/purl-spec@16f3d0e). packageurl-js 2.0.1 knows only some of these types, so the rules
 * live here and are applied on top of it; unknown types get no extra rules (the spec allows them).
 */

/** Whether a type needs, allows or forbids a namespace. */
export type NamespaceRequirement = "required" | "optional" | "prohibited";

/** The identity-relevant rules of one PURL type. */
export interface PurlTypeRules {
  readonly namespace: NamespaceRequirement;
  /** The definition says `case_sensitive: false`: the component is lowercased. */
  readonly lowercaseNamespace?: boolean;
  readonly lowercaseName?: boolean;
  readonly lowercaseVersion?: boolean;
  /** Qualifier keys the definition marks `requirement: required`. */
  readonly requiredQualifiers?: readonly string[];
  /** `permitted_characters` of the name and version, checked after normalisation. */
  readonly namePattern?: RegExp;
  readonly versionPattern?: RegExp;
  /** A string the name must not contain (cpan: distribution names never hold `::`). */
  readonly nameMustNotContain?: string;
  /** git: the namespace is the host alone and the name is the whole repository path. */
  readonly namespaceIsFirstSegment?: boolean;
}

const REQUIRED_CASE_INSENSITIVE: PurlTypeRules = {
  namespace: "required",
  lowercaseNamespace: true,
  lowercaseName: true,
};

/** Rules per type; types absent here are accepted with the generic rules only. */
export const PURL_TYPE_RULES: Readonly<Record<string, PurlTypeRules>> = {
  alpm: REQUIRED_CASE_INSENSITIVE,
  apk: REQUIRED_CASE_INSENSITIVE,
  bazel: { namespace: "prohibited" },
  bitbucket: REQUIRED_CASE_INSENSITIVE,
  bitnami: { namespace: "prohibited", lowercaseName: true },
  brew: { namespace: "optional", lowercaseNamespace: true, lowercaseName: true },
  cargo: { namespace: "prohibited" },
  "chrome-extension": {
    namespace: "prohibited",
    lowercaseName: true,
    namePattern: /^[a-p]{32}$/,
    versionPattern: /^\d+(\.\d+){0,3}$/,
  },
  cocoapods: { namespace: "prohibited" },
  composer: REQUIRED_CASE_INSENSITIVE,
  conan: { namespace: "optional" },
  conda: { namespace: "prohibited" },
  cpan: { namespace: "optional", nameMustNotContain: "::" },
  cran: { namespace: "prohibited" },
  deb: REQUIRED_CASE_INSENSITIVE,
  docker: { namespace: "optional" },
  gem: { namespace: "prohibited" },
  generic: { namespace: "optional" },
  git: { namespace: "required", namespaceIsFirstSegment: true },
  github: REQUIRED_CASE_INSENSITIVE,
  golang: { namespace: "required" },
  hackage: { namespace: "prohibited" },
  hex: { namespace: "optional", lowercaseNamespace: true, lowercaseName: true },
  huggingface: { namespace: "required", lowercaseVersion: true },
  julia: { namespace: "prohibited", requiredQualifiers: ["uuid"] },
  luarocks: { namespace: "optional", lowercaseNamespace: true, lowercaseName: true },
  maven: { namespace: "required" },
  mlflow: { namespace: "prohibited" },
  npm: { namespace: "optional" },
  nuget: { namespace: "prohibited" },
  oci: { namespace: "prohibited", lowercaseName: true, lowercaseVersion: true },
  opam: { namespace: "prohibited" },
  otp: { namespace: "prohibited", lowercaseName: true },
  pub: { namespace: "prohibited", lowercaseName: true },
  pypi: { namespace: "prohibited", lowercaseName: true, lowercaseVersion: true },
  qpkg: { namespace: "required", lowercaseNamespace: true },
  rpm: { namespace: "required", lowercaseNamespace: true },
  swid: { namespace: "optional", requiredQualifiers: ["tag_id"] },
  swift: { namespace: "required" },
  vcpkg: { namespace: "prohibited" },
  "vscode-extension": { ...REQUIRED_CASE_INSENSITIVE, lowercaseVersion: true },
  yocto: { namespace: "optional", lowercaseNamespace: true },
};

/** The rules of `type` (already lowercased), or undefined for a type the spec does not define. */
export function purlTypeRules(type: string): PurlTypeRules | undefined {
  return Object.hasOwn(PURL_TYPE_RULES, type) ? PURL_TYPE_RULES[type] : undefined;
}
