/**
 * Character-class tests on UTF-16 code units. Version tools (dpkg, rpm, apk) classify bytes with
 * the C locale's isdigit/isalpha, i.e. ASCII only; `/\d/` or Unicode-aware checks would not match them.
 */

/** `0`–`9`. */
export function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** `A`–`Z` or `a`–`z`. */
export function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** `a`–`z`. */
export function isAsciiLower(code: number): boolean {
  return code >= 97 && code <= 122;
}
