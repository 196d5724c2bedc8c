import type { z } from "zod";
import { InputError } from "../errors/app-error.js";

/*
 * Pure helpers every format parser shares: JSON text with a line and column on error, and schema
 * validation whose error names the file, the record and the field.
 */

/** Parse JSON text, reporting the line and column of a syntax error. */
export function parseJsonText(text: string, location: string): unknown {
  try {
    return JSON.parse(text);
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
    throw new InputError(`not valid JSON${where}: ${message.replace(/ in JSON at position \d+.*$/, "")}`, {
      location,
    });
  }
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
