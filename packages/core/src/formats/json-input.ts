import type { z } from "zod";
import { InputError } from "../errors/app-error.js";

/*
 * Pure helpers every format parser shares: JSON text with a line and column on error, and schema
 * validation whose error names the file, the record and the field.
 */

/**
 * Parse JSON text, reporting the line and column of a syntax error. A leading UTF-8 byte-order
 * mark is dropped: RFC 8259 lets parsers ignore it, and Windows tools write it, so a BOM'd file
 * is valid input rather than "Unexpected token".
 */
export function parseJsonText(text: string, location: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    let where = "";
    if (position !== undefined) {
      const before = text.slice(0, Number(position));
      const line = before.split("\n").length;
      const column = Number(position) - before.lastIndexOf("\n");
      where = ` at line ${line}, column ${column}`;
    }
    // V8 quotes the offending text in its message; a binary file would put raw control bytes on
    // the user's terminal, so they are shown escaped.
    const reason = escapeControlCharacters(message.replace(/ in JSON at position \d+.*$/, ""));
    throw new InputError(`not valid JSON${where}: ${reason}`, { location });
  }
}

/** C0 and C1 control characters (and DEL) written as `\u00XX`, everything else unchanged. */
export function escapeControlCharacters(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
    /[\u0000-\u001f\u007f-\u009f]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Render a zod issue path as `components[3].purl`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(document)";
}

/** Validate `value` with `schema` or throw an InputError naming the file, the record and the field. */
export function parseWithSchema<T>(schema: z.ZodType<T>, value: unknown, location: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problems)` : "";
  throw new InputError(`${issue?.message ?? "invalid"}${more}`, {
    location: `${location}: ${formatIssuePath(issue?.path ?? [])}`,
  });
}
