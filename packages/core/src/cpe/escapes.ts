/**
 * Helpers for the backslash quoting of WFN and formatted-string values (NISTIR 7695 §5.3.2):
 * `\x` is the literal character x, so a `*`, `?` or `:` counts as special only when an even
 * number of backslashes precedes it.
 */

/** True when the character at `index` is preceded by an odd number of backslashes. */
export function isQuotedAt(value: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && value[i] === "\\"; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** The number of quoting backslashes in value[start, end): each `\x` pair counts once. */
export function countEscapes(value: string, start = 0, end = value.length): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    if (value[i] === "\\") {
      count++;
      i++;
    }
  }
  return count;
}

/** The length of a value with every `\x` pair counted as one character. */
export function unquotedLength(value: string): number {
  return value.length - countEscapes(value);
}

/** True when the value holds an unquoted `*` or `?` (a wildcard, not a literal). */
export function hasUnquotedWildcard(value: string): boolean {
  return hasUnquoted(value, "*") || hasUnquoted(value, "?");
}

/** True when the value holds an unquoted `char`. */
export function hasUnquoted(value: string, char: string): boolean {
  for (let i = 0; i < value.length; i++) {
    if (value[i] === "\\") i++;
    else if (value[i] === char) return true;
  }
  return false;
}

/** Split on every unquoted `separator`, keeping the quoting inside the pieces. */
export function splitUnquoted(value: string, separator: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    if (value[i] === "\\") i++;
    else if (value[i] === separator) {
      pieces.push(value.slice(start, i));
      start = i + 1;
    }
  }
  pieces.push(value.slice(start));
  return pieces;
}

/** True for one ASCII letter, digit or underscore: the characters WFN values never quote. */
export function isWordChar(char: string): boolean {
  return /^[A-Za-z0-9_]$/.test(char);
}
