import { z } from "zod";

/** Field rules shared by the format parsers: lengths, characters, bounded arrays (docs/adr/0021). */

/** `1,000`: limits and sizes as people read them. */
export function count(value: number): string {
  return value.toLocaleString("en-US");
}

export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** A zod error function for a value of the wrong type or none: `must be a string, not a number`. */
export function expected(what: string) {
  return (issue: { code?: string; input?: unknown }): string | undefined => {
    if (issue.code !== "invalid_type") return undefined;
    return issue.input === undefined ? `is missing (${what})` : `must be ${what}, not ${kindOf(issue.input)}`;
  };
}

// C0 controls, DEL and C1 controls (CSI is U+009B): never part of an identifier, a name or a version.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
export const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Prose (summary, details) may break lines and use tabs; nothing else.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
export const CONTROL_IN_PROSE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// A surrogate not paired is no Unicode text: each driver would store it as U+FFFD, a different string.
export const LONE_SURROGATE = /\p{Cs}/u;
// Invisible format characters (bidi overrides, zero-width spaces, BOM): in an identifier they make
// two ids that print alike differ, or reorder what a terminal shows. Prose may need them.
export const FORMAT_CHARACTER = /\p{Cf}/u;

/**
 * A string fleetpatch stores or compares, refused when over `maxLength`, empty (unless allowed), or
 * holding a control character or a lone surrogate (and, outside prose, an invisible format
 * character). Both databases then store exactly what was read: PostgreSQL refuses NUL in text,
 * SQLite would keep it, and a terminal would act on escapes.
 */
export function text(maxLength: number, options: { prose?: boolean; allowEmpty?: boolean } = {}) {
  const prose = options.prose === true;
  return z.string({ error: expected("a string") }).superRefine((value, context) => {
    const problem =
      value.length === 0 && !options.allowEmpty
        ? "must not be empty"
        : value.length > maxLength
          ? `is ${count(value.length)} characters long; the limit is ${count(maxLength)}`
          : characterProblem(value, prose);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });
}

// Each rule above in one pass: nearly every string has none of them, and feed imports check
// millions of strings, so one scan decides the common case and the rules name the character after.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const ANY_PROBLEM_IN_NAME = /[\u0000-\u001f\u007f-\u009f\p{Cs}\p{Cf}]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const ANY_PROBLEM_IN_PROSE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\p{Cs}]/u;

export function characterProblem(value: string, prose: boolean): string | undefined {
  if (!(prose ? ANY_PROBLEM_IN_PROSE : ANY_PROBLEM_IN_NAME).test(value)) return undefined;
  const control = (prose ? CONTROL_IN_PROSE : CONTROL).exec(value)?.[0];
  if (control !== undefined) return `contains the control character ${codePoint(control)}`;
  const surrogate = LONE_SURROGATE.exec(value)?.[0];
  if (surrogate !== undefined) return `contains a lone surrogate (${codePoint(surrogate)}), which is not Unicode text`;
  const format = prose ? undefined : FORMAT_CHARACTER.exec(value)?.[0];
  if (format !== undefined) return `contains the invisible format character ${codePoint(format)}`;
  return undefined;
}

export function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * An array refused by its length before any item is read, so 100,000 events cost one comparison
 * rather than 100,000 item checks and as many error objects.
 */
export function boundedArray<T extends z.ZodType>(item: T, maxItems: number, noun: string) {
  return z
    .array(z.unknown(), { error: expected("an array") })
    .superRefine((items, context) => {
      if (items.length > maxItems) {
        context.addIssue({
          code: "custom",
          message: `${count(items.length)} ${noun}; the limit is ${count(maxItems)}`,
        });
      }
    })
    .pipe(z.array(item));
}
