/**
 * What an inventory import stores, bounded (docs/adr/0024): lengths in characters (UTF-16 code
 * units, as JavaScript counts them) chosen so that real identifiers fit with room to spare and
 * every value that is, or may become, part of a PostgreSQL B-tree index stays under its ~2,700-byte
 * row limit even when each character takes three bytes of UTF-8.
 */
export const INVENTORY_LIMITS = {
  /** Asset names are host, device or product names: DNS names stop at 253. Indexed (unique). */
  assetName: 255,
  /** A component's name, with its CycloneDX `group` prefixed: npm stops at 214, Go module paths and Maven coordinates rarely pass 200. */
  componentName: 512,
  /** Versions: node-semver refuses more than 256 characters; Debian and Go pseudo-versions stay under 80. */
  version: 256,
  /** A component's type (`library`, `firmware` …): CycloneDX's longest is 21 characters. */
  componentType: 64,
  /** A canonical PURL: its type, namespace and name are indexed, and it percent-encodes everything beyond ASCII, so its length bounds their bytes. */
  purl: 2048,
  /** A CPE 2.3 formatted string: thirteen attributes; NVD's dictionary has none beyond 300. */
  cpe: 1024,
  /** A bom-ref: some generators write dependency paths into it (`name@1.0|node_modules/a/node_modules/b`). */
  bomRef: 4096,
  /** Nesting of CycloneDX `components` within components: generators nest a handful of levels. */
  componentNesting: 100,
  /** An SBOM document's size, as bytes of a file or of gzip's output: the HTTP API's SBOM body limit. */
  documentBytes: 256 * 1024 * 1024,
} as const;

/**
 * C0 controls (tab, line feed and NUL included), DEL and C1 controls, and UTF-16 surrogates that
 * are not part of a pair (what a JSON `\ud800` escape produces; no UTF-8 encoding exists for it).
 */
const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Invisible format characters (bidi overrides, zero-width spaces, soft hyphen, BOM): in a name or
 * identifier they make two that print alike differ, or reorder what a terminal shows. The OSV
 * parser refuses the same set in advisory identifiers.
 */
const FORMAT_CHARACTER = /\p{Cf}/u;

/** `U+0000` style name of the code unit at `index`. */
function codePointName(text: string, index: number): string {
  return `U+${text.charCodeAt(index).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Why `value` cannot be stored as a name, version or identifier, or null when it can: longer than
 * `limit` characters, or containing a character no name or identifier legitimately has (a control
 * character, an unpaired surrogate, an invisible format character). One rule
 * for every dialect, so SQLite and PostgreSQL (which refuses NUL outright) store the same things.
 */
export function textProblem(value: string, limit: number): string | null {
  if (value.length > limit) {
    return `is ${value.length.toLocaleString("en-US")} characters long; the limit is ${limit.toLocaleString("en-US")}`;
  }
  const found = FORBIDDEN.exec(value) ?? FORMAT_CHARACTER.exec(value);
  if (!found) return null;
  const code = value.charCodeAt(found.index);
  const what =
    code >= 0xd800 && code <= 0xdfff
      ? `an unpaired UTF-16 surrogate (${codePointName(value, found.index)}), which is not valid Unicode,`
      : code < 0xa0
        ? `the control character ${codePointName(value, found.index)}`
        : `the invisible format character ${codePointName(value, found.index)}`;
  return `contains ${what} at character ${found.index + 1}; names, versions and identifiers must be printable text`;
}

/** `value` cut to `length` characters with an ellipsis, for quoting an identifier in a message. */
export function abbreviate(value: string, length = 80): string {
  return value.length <= length ? value : `${value.slice(0, length)}…`;
}
