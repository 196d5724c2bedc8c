import { InputError, UnsupportedFormatError } from "../errors/app-error.js";

/**
 * The vers spec asks that a syntactically broken vers and a well-formed but non-canonical one be
 * told apart, so callers can decide to repair the second kind (normalizeVers) but never the first.
 */

/** The text is not a vers at all: wrong scheme, bad type, empty constraint, bad comparator or encoding. */
export class VersSyntaxError extends InputError {
  constructor(message: string, options?: { location?: string; cause?: unknown }) {
    super(`invalid vers: ${message}`, options);
  }
}

/** The vers is well-formed but not in the canonical form the spec requires (order, duplicates, case). */
export class NonCanonicalVersError extends InputError {
  constructor(message: string, options?: { location?: string; cause?: unknown }) {
    super(`non-canonical vers: ${message}`, options);
  }
}

/** The vers type has no version scheme in this build, so its versions cannot be ordered. */
export class UnsupportedVersionSchemeError extends UnsupportedFormatError {
  readonly versType: string;

  constructor(versType: string) {
    super(`no version scheme is available for vers type "${versType}"`);
    this.versType = versType;
  }
}

/** A native range (npm, PyPI, Maven, OSV events, NVD bounds …) that cannot be read or has no converter. */
export class NativeRangeError extends InputError {
  readonly versType: string;
  readonly nativeRange: string;
  /** Why, without the range (`the CPE version is "-" (not applicable)`). */
  readonly reason: string;

  constructor(versType: string, nativeRange: string, reason: string, options?: { cause?: unknown }) {
    super(`cannot convert ${versType} range "${nativeRange}" to vers: ${reason}`, options);
    this.versType = versType;
    this.nativeRange = nativeRange;
    this.reason = reason;
  }
}

/** A converter for this native notation does not exist (as opposed to a malformed range). */
export class UnsupportedNativeRangeError extends UnsupportedFormatError {
  readonly versType: string;

  constructor(versType: string, what = "native range notation") {
    super(`no converter from ${what} to vers for type "${versType}"`);
    this.versType = versType;
  }
}
