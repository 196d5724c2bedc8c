/**
 * Digit runs in versions can exceed 2^53 (dates with times, `999999999999999999999999999999`). They
 * are stored as doubles because comparing doubles is what makes pre-parsed comparison cheap; the
 * conversion is monotonic, so a difference between doubles is always a true difference, and only
 * equal doubles of long runs need the exact (text) comparison below.
 */

/** Longest digit run whose double value is exact. */
const EXACT_DIGITS = 15;

/** The value of a run of ASCII digits; exact up to 15 significant digits, rounded (monotonically) beyond. */
export function digitValue(digits: string): number {
  return digits.length <= EXACT_DIGITS ? Number.parseInt(digits, 10) : Number(digits);
}

/** Compare two digit runs as unbounded non-negative integers (leading zeros ignored). */
export function compareDigitRuns(a: string, b: string): number {
  const x = stripLeadingZeros(a);
  const y = stripLeadingZeros(b);
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Compare two numbers parsed with digitValue, falling back to their digit text only when both doubles
 * are equal and at least one run was too long to be exact.
 */
export function compareNumbers(a: number, b: number, aDigits: string, bDigits: string): number {
  if (a !== b) return a < b ? -1 : 1;
  if (a < Number.MAX_SAFE_INTEGER) return 0;
  return compareDigitRuns(aDigits, bDigits);
}

/** Sign of a string comparison by UTF-16 code units, which for ASCII is C's strcmp/memcmp order. */
export function compareText(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

function stripLeadingZeros(digits: string): string {
  let start = 0;
  while (start < digits.length - 1 && digits.charCodeAt(start) === 48) start++;
  return start === 0 ? digits : digits.slice(start);
}
