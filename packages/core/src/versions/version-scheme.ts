import { InputError } from "../errors/app-error.js";

/**
 * A version scheme parses a version string once (at ingest) and compares parsed versions many
 * times (at match). Parsing rejects what the scheme does not define with InvalidVersionError rather
 * than guessing an order, because a guessed order silently produces false findings or misses.
 */
export interface VersionScheme<Parsed = unknown> {
  /** Stable scheme name, e.g. `semver`. */
  readonly name: string;
  /** Parse a version or throw InvalidVersionError. */
  parse(version: string): Parsed;
  /** Negative, zero or positive like Array.prototype.sort comparators. */
  compare(a: Parsed, b: Parsed): number;
}

/** A version string that its scheme does not accept. */
export class InvalidVersionError extends InputError {
  readonly scheme: string;
  readonly version: string;

  constructor(scheme: string, version: string, reason?: string) {
    super(`"${version}" is not a valid ${scheme} version${reason ? ` (${reason})` : ""}`);
    this.scheme = scheme;
    this.version = version;
  }
}
