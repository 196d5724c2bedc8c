import { isAsciiDigit } from "./ascii.js";
import { InvalidVersionError } from "./version-scheme.js";

/**
 * Helpers for schemes whose order can be encoded into one string (dpkg, rpm): parse once into a key
 * whose plain string comparison (by UTF-16 code units, numeric.ts compareText) is the scheme's
 * order, so comparing pre-parsed versions is a single string comparison. See docs/adr/0010-version-schemes.md.
 */

/**
 * First code unit of number-length marks. Marks only ever meet other marks, so the base is free;
 * a low one keeps keys within one byte per code unit (Latin-1 strings), which V8 compares fastest.
 */
const LENGTH_MARK_BASE = 0x20;

/**
 * Append a digit run as an order-preserving code sequence: a mark for its length without leading
 * zeros, then the digits. A longer number is larger; equal lengths compare digit by digit.
 */
export function pushNumber(codes: number[], text: string, start: number, end: number): void {
  let first = start;
  while (first < end && text.charCodeAt(first) === 48) first++;
  codes.push(LENGTH_MARK_BASE + (end - first));
  for (let index = first; index < end; index++) codes.push(text.charCodeAt(index));
}

/** Append a non-negative integer the way pushNumber appends its decimal digits. */
export function pushInteger(codes: number[], value: number): void {
  const digits = value === 0 ? "" : String(value);
  pushNumber(codes, digits, 0, digits.length);
}

/** The string of `codes`, built in chunks so very long versions stay within argument limits. */
export function codesToKey(codes: readonly number[]): string {
  if (codes.length <= 4096) return String.fromCharCode(...codes);
  let key = "";
  for (let start = 0; start < codes.length; start += 4096) {
    key += String.fromCharCode(...codes.slice(start, start + 4096));
  }
  return key;
}

/**
 * The epoch of an `epoch:rest` version (dpkg and rpm write it the same way): the digits before the
 * first colon at `colon`, 0 when there is none. Throws InvalidVersionError for an empty or
 * non-numeric epoch, or one above what dpkg and rpm store (a signed 32-bit int).
 */
export function readEpoch(scheme: string, version: string, colon: number): number {
  if (colon < 0) return 0;
  if (colon === 0) throw new InvalidVersionError(scheme, version, "empty epoch");
  let epoch = 0;
  for (let index = 0; index < colon; index++) {
    const code = version.charCodeAt(index);
    if (!isAsciiDigit(code)) throw new InvalidVersionError(scheme, version, "epoch is not a number");
    epoch = epoch * 10 + (code - 48);
  }
  if (epoch > 2147483647) throw new InvalidVersionError(scheme, version, "epoch is too big");
  return epoch;
}
