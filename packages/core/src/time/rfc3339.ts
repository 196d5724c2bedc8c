/**
 * RFC 3339 `date-time` timestamps (section 5.6) read as instants. Advisory formats (OSV
 * `modified`, later NVD, CSAF) stamp every version of a record with one; "the later one is
 * authoritative" is a comparison of instants, which text comparison gets wrong as soon as an
 * offset or a fraction differs (`…T01:00:00+02:00` is earlier than `…T00:00:00Z`).
 */

/** An instant read from an RFC 3339 timestamp, exact to every fractional digit it was written with. */
export interface Rfc3339Instant {
  /** Whole seconds since 1970-01-01T00:00:00Z, the offset applied. */
  readonly epochSeconds: number;
  /** The fraction's digits without trailing zeros (`"5"` for `.500`), `""` for none. */
  readonly fraction: string;
  /** True when written with the `Z` designator, as OSV asks (`+00:00` is the same instant, not the same text). */
  readonly zulu: boolean;
}

/** Longer text is no timestamp anyone writes; refusing it keeps the regular expression's work bounded. */
const MAX_LENGTH = 64;

// full-date "T" full-time; T and Z may be lowercase (RFC 3339 section 5.6, note).
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Read an RFC 3339 date-time, or undefined when `text` is not one (a date alone, a missing offset,
 * month 13, February 30th, hour 24 …). A leap second (`:60`) is accepted, as the RFC allows, and
 * read as the first second of the next minute, as POSIX time reads it.
 */
export function parseRfc3339(text: string): Rfc3339Instant | undefined {
  if (text.length > MAX_LENGTH) return undefined;
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction = "", zulu, sign, oh, om] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  let offsetMinutes = 0;
  if (!zulu) {
    const offsetHours = Number(oh);
    const offsetMins = Number(om);
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (sign === "-" ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return {
    epochSeconds: date.getTime() / 1000 - offsetMinutes * 60,
    fraction: fraction.replace(/0+$/, ""),
    zulu: zulu !== undefined,
  };
}

/** Negative when `a` is earlier than `b`, positive when later, 0 for the same instant. */
export function compareInstants(a: Rfc3339Instant, b: Rfc3339Instant): number {
  if (a.epochSeconds !== b.epochSeconds) return a.epochSeconds < b.epochSeconds ? -1 : 1;
  // Trailing zeros are gone, so padding both to one length makes digit order the numeric order.
  const width = Math.max(a.fraction.length, b.fraction.length);
  const fa = a.fraction.padEnd(width, "0");
  const fb = b.fraction.padEnd(width, "0");
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}
