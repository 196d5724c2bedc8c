import { PackageURL } from "packageurl-js";
import { InputError } from "../errors/app-error.js";
import { type PurlTypeRules, purlTypeRules } from "./purl-types.js";

/** The six decoded components of a package URL, normalised per its type. */
export interface PackageUrl {
  readonly type: string;
  readonly namespace: string | null;
  readonly name: string;
  readonly version: string | null;
  /** Keys lowercased; empty values dropped; null when there are none. */
  readonly qualifiers: Readonly<Record<string, string>> | null;
  readonly subpath: string | null;
}

/** Components as a caller supplies them to `buildPackageUrl` (absent and null mean the same). */
export interface PackageUrlParts {
  readonly type: string;
  readonly namespace?: string | null;
  readonly name: string;
  readonly version?: string | null;
  readonly qualifiers?: Readonly<Record<string, string>> | null;
  readonly subpath?: string | null;
}

/** Parsing options. */
export interface PurlParseOptions {
  /**
   * Reject what purl-spec's "required" tests reject: upper-case qualifier keys and breaches of the
   * type definition (a missing or forbidden namespace, a missing required qualifier, a name outside
   * the permitted characters). The default, lenient mode still normalises but accepts these,
   * because SBOMs in the wild carry `pkg:deb/curl` or `?Arch=` and refusing a whole SBOM over one
   * such component helps nobody; the canonical form is the same either way.
   */
  readonly strict?: boolean;
}

/** A package URL that cannot be parsed or built; `purl` holds the offending input. */
export class PurlError extends InputError {
  readonly purl: string;

  constructor(purl: string, reason: string, options?: { location?: string; cause?: unknown }) {
    super(`invalid package URL "${purl}": ${reason}`, options);
    this.purl = purl;
  }
}

/** Parse a PURL string into normalised components, or throw PurlError saying why. */
export function parsePackageUrl(input: string, options: PurlParseOptions = {}): PackageUrl {
  if (options.strict) rejectUppercaseQualifierKeys(input);
  rejectEmptyName(input);
  let parsed: PackageURL;
  try {
    parsed = PackageURL.fromString(input);
  } catch (error) {
    throw new PurlError(input, (error as Error).message, { cause: error });
  }
  return normalise(input, parsed, options.strict ?? false);
}

/** Build normalised components from parts, enforcing the type definition, or throw PurlError. */
export function buildPackageUrl(parts: PackageUrlParts): PackageUrl {
  const label = `${parts.type}/${parts.namespace ?? ""}/${parts.name}`;
  let built: PackageURL;
  try {
    built = new PackageURL(
      parts.type,
      parts.namespace ?? undefined,
      parts.name,
      parts.version ?? undefined,
      parts.qualifiers ? { ...parts.qualifiers } : undefined,
      parts.subpath ?? undefined,
    );
  } catch (error) {
    throw new PurlError(label, (error as Error).message, { cause: error });
  }
  return normalise(label, built, true);
}

/** The canonical string of normalised components (ECMA-427 encoding, sorted qualifiers). */
export function formatPackageUrl(purl: PackageUrl): string {
  const rules = purlTypeRules(purl.type);
  let out = `pkg:${purl.type}/`;
  if (purl.namespace) out += `${encodeSegments(purl.namespace)}/`;
  out += rules?.namespaceIsFirstSegment ? encodeSegments(purl.name) : encodePurlComponent(purl.name);
  if (purl.version !== null) out += `@${encodePurlComponent(purl.version)}`;
  if (purl.qualifiers) {
    const pairs = Object.keys(purl.qualifiers)
      .sort()
      .map((key) => `${key}=${encodePurlComponent(purl.qualifiers?.[key] ?? "")}`);
    out += `?${pairs.join("&")}`;
  }
  if (purl.subpath) out += `#${encodeSegments(purl.subpath)}`;
  return out;
}

/** Parse and re-serialise: the canonical form of a PURL string. */
export function canonicalizePurl(input: string, options: PurlParseOptions = {}): string {
  return formatPackageUrl(parsePackageUrl(input, options));
}

/**
 * Percent-encode one component the ECMA-427 way: everything but ASCII letters, digits, `.-_~` and
 * `:` is encoded. packageurl-js 2.0.1 encodes `:` in qualifier values and subpaths and leaves `+`
 * bare in versions; the spec tests expect the opposite, so serialisation is ours.
 */
export function encodePurlComponent(value: string): string {
  return encodeURIComponent(value)
    .replace(/%3A/g, ":")
    .replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

function encodeSegments(path: string): string {
  return path
    .split("/")
    .filter((segment) => segment !== "")
    .map(encodePurlComponent)
    .join("/");
}

/** packageurl-js 2.0.1 reads `pkg:vcpkg/@1.0.8` as the name "@1.0.8"; the spec sees an empty name. */
function rejectEmptyName(input: string): void {
  const path = input.split(/[?#]/, 1)[0] ?? "";
  const lastSegment = path.slice(path.lastIndexOf("/") + 1);
  if (lastSegment.startsWith("@")) throw new PurlError(input, "the name is empty");
}

function rejectUppercaseQualifierKeys(input: string): void {
  const hash = input.indexOf("#");
  const beforeSubpath = hash === -1 ? input : input.slice(0, hash);
  const question = beforeSubpath.indexOf("?");
  if (question === -1) return;
  for (const pair of beforeSubpath.slice(question + 1).split("&")) {
    const key = pair.split("=", 1)[0] ?? "";
    if (key !== key.toLowerCase()) throw new PurlError(input, `qualifier key "${key}" must be lower case`);
  }
}

/** Apply the per-type rules packageurl-js lacks, then validate what they require. */
function normalise(label: string, parsed: PackageURL, enforceTypeRules: boolean): PackageUrl {
  const type = parsed.type.toLowerCase();
  const rules = purlTypeRules(type);
  let namespace = emptyToNull(parsed.namespace);
  let name = parsed.name;
  let version = emptyToNull(parsed.version);
  if (rules?.namespaceIsFirstSegment && namespace?.includes("/")) {
    // git: `pkg:git/codeberg.org/forgejo/forgejo` names host `codeberg.org`, repository `forgejo/forgejo`.
    const slash = namespace.indexOf("/");
    name = `${namespace.slice(slash + 1)}/${name}`;
    namespace = namespace.slice(0, slash);
  }
  if (rules?.lowercaseNamespace && namespace) namespace = namespace.toLowerCase();
  if (rules?.lowercaseName) name = name.toLowerCase();
  if (rules?.lowercaseVersion && version) version = version.toLowerCase();
  if (type === "pypi") name = name.replace(/_/g, "-");
  const qualifiers = normaliseQualifiers(parsed.qualifiers);
  const purl: PackageUrl = { type, namespace, name, version, qualifiers, subpath: normaliseSubpath(parsed.subpath) };
  if (rules && enforceTypeRules) checkTypeRules(label, purl, rules);
  return purl;
}

function checkTypeRules(label: string, purl: PackageUrl, rules: PurlTypeRules): void {
  const fail = (reason: string): never => {
    throw new PurlError(label, `${purl.type}: ${reason}`);
  };
  if (rules.namespace === "required" && !purl.namespace) fail("a namespace is required");
  if (rules.namespace === "prohibited" && purl.namespace) fail("a namespace is not allowed");
  if (rules.namePattern && !rules.namePattern.test(purl.name)) fail(`name "${purl.name}" is not permitted`);
  if (rules.versionPattern && purl.version !== null && !rules.versionPattern.test(purl.version)) {
    fail(`version "${purl.version}" is not permitted`);
  }
  if (rules.nameMustNotContain && purl.name.includes(rules.nameMustNotContain)) {
    fail(`name must not contain "${rules.nameMustNotContain}"`);
  }
  for (const key of rules.requiredQualifiers ?? []) {
    if (!purl.qualifiers?.[key]) fail(`qualifier "${key}" is required`);
  }
}

function normaliseQualifiers(qualifiers: Record<string, string> | undefined): Record<string, string> | null {
  if (!qualifiers) return null;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(qualifiers)) {
    if (value !== "") out[key.toLowerCase()] = value;
  }
  return Object.keys(out).length > 0 ? out : null;
}

function normaliseSubpath(subpath: string | undefined): string | null {
  if (!subpath) return null;
  // Empty, `.` and `..` segments carry no meaning and would let one subpath be spelt many ways.
  const segments = subpath.split("/").filter((segment) => segment !== "" && segment !== "." && segment !== "..");
  return segments.length > 0 ? segments.join("/") : null;
}

function emptyToNull(value: string | undefined): string | null {
  return value === undefined || value === "" ? null : value;
}
