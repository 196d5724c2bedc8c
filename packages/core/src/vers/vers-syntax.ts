import { NonCanonicalVersError, VersSyntaxError } from "./vers-errors.js";
import { VERS_COMPARATORS, type Vers, type VersComparator, type VersConstraint } from "./vers-types.js";

/**
 * The textual layer of vers: splitting, percent-decoding and encoding. Nothing here compares
 * versions, so it works for every type, registered or not.
 */

/** How strictly to read a vers: `canonical` rejects anything the spec calls non-canonical. */
export type VersStrictness = "canonical" | "lenient";

// Characters the spec requires to be percent-encoded in a version; everything else printable stays raw.
const RESERVED = new Set([">", "<", "=", "!", "*", "|", "%"]);
const TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9.-]*$/;
const WHITESPACE = /\s/;
const utf8 = new TextEncoder();

/** Whether a character must be percent-encoded inside a canonical version string. */
function mustEncode(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return RESERVED.has(char) || code <= 0x20 || code >= 0x7f;
}

/** Percent-encode a version for use inside a vers, encoding only what the spec requires (uppercase hex). */
export function encodeVersVersion(version: string): string {
  let encoded = "";
  for (const char of version) {
    if (!mustEncode(char)) {
      encoded += char;
      continue;
    }
    for (const byte of utf8.encode(char)) encoded += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return encoded;
}

const HEX_PAIR = /^[0-9A-Fa-f]{2}$/;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Decode a version once; canonical mode rejects lowercase hex and needless encodings the spec forbids. */
export function decodeVersVersion(encoded: string, strictness: VersStrictness, location?: string): string {
  const bytes: number[] = [];
  for (let index = 0; index < encoded.length; index++) {
    const char = encoded.charAt(index);
    if (char !== "%") {
      if (mustEncode(char)) {
        throw new VersSyntaxError(`character "${char}" must be percent-encoded in version "${encoded}"`, { location });
      }
      bytes.push(char.charCodeAt(0));
      continue;
    }
    const pair = encoded.slice(index + 1, index + 3);
    if (!HEX_PAIR.test(pair))
      throw new VersSyntaxError(`invalid percent-encoding in version "${encoded}"`, { location });
    const byte = Number.parseInt(pair, 16);
    if (strictness === "canonical") {
      if (pair !== pair.toUpperCase()) {
        throw new NonCanonicalVersError(`percent-encoding in version "${encoded}" must use uppercase hex`, {
          location,
        });
      }
      if (byte < 0x80 && !mustEncode(String.fromCharCode(byte))) {
        throw new NonCanonicalVersError(`"${String.fromCharCode(byte)}" must not be percent-encoded in "${encoded}"`, {
          location,
        });
      }
    }
    bytes.push(byte);
    index += 2;
  }
  try {
    return strictUtf8.decode(new Uint8Array(bytes));
  } catch (cause) {
    throw new VersSyntaxError(`percent-encoded bytes in "${encoded}" are not UTF-8`, { location, cause });
  }
}

/** Split `>=1.0` into comparator and encoded version; a bare version means `=`. */
function splitConstraint(text: string, strictness: VersStrictness, location?: string): VersConstraint {
  const comparator: VersComparator = VERS_COMPARATORS.find((candidate) => text.startsWith(candidate)) ?? "=";
  const explicit = text.startsWith(comparator);
  if (explicit && comparator === "=" && strictness === "canonical") {
    throw new NonCanonicalVersError(`"${text}": the "=" comparator is written as a bare version`, { location });
  }
  const encoded = explicit ? text.slice(comparator.length) : text;
  if (encoded.length === 0) throw new VersSyntaxError(`constraint "${text}" has no version`, { location });
  return { comparator, version: decodeVersVersion(encoded, strictness, location) };
}

/**
 * Parse the text of a vers without comparing versions. Canonical mode rejects upper-case scheme or
 * type and non-canonical encodings; order, duplicates and comparator sequence need the version
 * scheme and are checked by parseVers.
 */
export function parseVersSyntax(text: string, strictness: VersStrictness = "canonical", location?: string): Vers {
  if (WHITESPACE.test(text)) throw new VersSyntaxError("whitespace is not permitted", { location });
  const colon = text.indexOf(":");
  const scheme = colon < 0 ? "" : text.slice(0, colon);
  if (scheme.toLowerCase() !== "vers") throw new VersSyntaxError(`"${text}" does not start with "vers:"`, { location });
  if (scheme !== "vers" && strictness === "canonical") {
    throw new NonCanonicalVersError(`the scheme must be lowercase "vers"`, { location });
  }
  const rest = text.slice(colon + 1);
  const slash = rest.indexOf("/");
  if (slash < 0) throw new VersSyntaxError(`"${text}" has no "/" between type and constraints`, { location });
  const rawType = rest.slice(0, slash);
  if (!TYPE_PATTERN.test(rawType)) throw new VersSyntaxError(`invalid type "${rawType}"`, { location });
  const type = rawType.toLowerCase();
  if (type !== rawType && strictness === "canonical") {
    throw new NonCanonicalVersError(`the type "${rawType}" must be lowercase`, { location });
  }
  const constraintsText = rest.slice(slash + 1);
  if (constraintsText.length === 0) throw new VersSyntaxError("no constraints", { location });
  if (constraintsText === "*") return { type, anyVersion: true, constraints: [] };
  if (constraintsText.startsWith("|")) throw new VersSyntaxError("leading pipe is not permitted", { location });
  if (constraintsText.endsWith("|")) throw new VersSyntaxError("trailing pipe is not permitted", { location });
  if (constraintsText.includes("||")) throw new VersSyntaxError("consecutive pipes are not permitted", { location });
  const parts = constraintsText.split("|");
  if (parts.includes("*")) throw new VersSyntaxError(`"*" must be the only constraint`, { location });
  const constraints = parts.map((part) => splitConstraint(part, strictness, location));
  return { type, anyVersion: false, constraints };
}

/** Write a vers exactly in the order given (callers sort first; see canonicalVers). */
export function formatVers(vers: Vers): string {
  if (vers.anyVersion) return `vers:${vers.type}/*`;
  const constraints = vers.constraints.map(
    (constraint) =>
      `${constraint.comparator === "=" ? "" : constraint.comparator}${encodeVersVersion(constraint.version)}`,
  );
  return `vers:${vers.type}/${constraints.join("|")}`;
}
