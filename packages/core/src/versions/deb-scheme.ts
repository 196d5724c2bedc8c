import { isAsciiDigit, isAsciiLetter } from "./ascii.js";
import { compareText } from "./numeric.js";
import { codesToKey, pushInteger, pushNumber, readEpoch } from "./sort-key.js";
import { InvalidVersionError, type VersionScheme } from "./version-scheme.js";

/** A parsed Debian version `[epoch:]upstream[-revision]`. */
export interface DebVersion {
  readonly epoch: number;
  readonly upstream: string;
  /** Undefined when there is no revision; dpkg orders that like revision `0`. */
  readonly revision: string | undefined;
  /** Sort key: comparing keys as strings is dpkg's order (see encodePart). */
  readonly key: string;
}

/**
 * Code units for dpkg's order of a character in a non-digit run: `~` below the end of the run, the
 * end below letters, letters below everything else.
 */
const TILDE = 1;
const END_OF_RUN = 2;

/**
 * Allowed characters besides alphanumerics (deb-version(7)): `.+~` everywhere, `-` in the upstream
 * version when there is a revision (it is split off at the last hyphen), `:` there when there is an
 * epoch.
 */
function isAllowed(code: number, allowHyphen: boolean, allowColon: boolean): boolean {
  return (
    isAsciiDigit(code) ||
    isAsciiLetter(code) ||
    code === 46 ||
    code === 43 ||
    code === 126 ||
    (allowHyphen && code === 45) ||
    (allowColon && code === 58)
  );
}

/**
 * Encode `text[start, end)` so that string comparison of encodings is dpkg's verrevcmp: each
 * non-digit run becomes its characters (`~` → 1, letters → code + 3, `+-.:` → code + 157, all below
 * 256 so keys stay one byte per code unit) plus an end mark (2), each digit run an order-preserving
 * number (sort-key.ts), and the part ends with an end mark, which stands for "no further run"
 * exactly where verrevcmp would compare one. Only the first non-digit run can be empty, so no
 * encoding is a proper prefix of another and encodings can be concatenated. Returns false on a
 * character the part may not contain.
 */
function encodePart(
  codes: number[],
  text: string,
  start: number,
  end: number,
  allowHyphen: boolean,
  allowColon: boolean,
): boolean {
  let index = start;
  while (index < end) {
    while (index < end) {
      const code = text.charCodeAt(index);
      if (isAsciiDigit(code)) break;
      if (!isAllowed(code, allowHyphen, allowColon)) return false;
      codes.push(code === 126 ? TILDE : isAsciiLetter(code) ? code + 3 : code + 157);
      index++;
    }
    codes.push(END_OF_RUN);
    const digitStart = index;
    while (index < end && isAsciiDigit(text.charCodeAt(index))) index++;
    pushNumber(codes, text, digitStart, index);
  }
  codes.push(END_OF_RUN);
  return true;
}

/** Split and validate like dpkg's parseversion and Dpkg::Version's is_valid. */
function parseDeb(version: string): DebVersion {
  if (typeof version !== "string" || version.length === 0) {
    throw new InvalidVersionError("deb", version, "empty version");
  }
  const colon = version.indexOf(":");
  const epoch = readEpoch("deb", version, colon);
  const upstreamStart = colon + 1;
  const hyphen = version.lastIndexOf("-");
  const hasRevision = hyphen >= upstreamStart;
  const upstreamEnd = hasRevision ? hyphen : version.length;
  if (upstreamEnd === upstreamStart) throw new InvalidVersionError("deb", version, "empty upstream version");
  if (hasRevision && hyphen === version.length - 1) throw new InvalidVersionError("deb", version, "empty revision");
  if (!isAsciiDigit(version.charCodeAt(upstreamStart))) {
    throw new InvalidVersionError("deb", version, "upstream version must start with a digit");
  }
  const codes: number[] = [];
  pushInteger(codes, epoch);
  if (!encodePart(codes, version, upstreamStart, upstreamEnd, hasRevision, colon >= 0)) {
    throw new InvalidVersionError("deb", version, "invalid character in upstream version");
  }
  // dpkg orders a missing revision like revision `0`, so encode it as one.
  if (!hasRevision) encodePart(codes, "0", 0, 1, false, false);
  else if (!encodePart(codes, version, hyphen + 1, version.length, false, false)) {
    throw new InvalidVersionError("deb", version, "invalid character in revision");
  }
  return {
    epoch,
    upstream: version.slice(upstreamStart, upstreamEnd),
    revision: hasRevision ? version.slice(hyphen + 1) : undefined,
    key: codesToKey(codes),
  };
}

/** dpkg's order of two parsed versions (`dpkg --compare-versions`). */
export function compareDeb(a: DebVersion, b: DebVersion): number {
  return compareText(a.key, b.key);
}

/**
 * Debian package versions, ordered as dpkg orders them (deb-version(7)). Also used for opkg
 * (OpenWrt) and Yocto ipk/deb feeds, whose tools inherited dpkg's algorithm. Hand-rolled: no
 * maintained JavaScript implementation exists (docs/adr/0010-version-schemes.md).
 */
export const debScheme: VersionScheme<DebVersion> = {
  name: "deb",
  parse: parseDeb,
  compare: compareDeb,
};
