import type { z } from "zod";
import { InputError } from "../errors/app-error.js";

/*
 * Pure helpers every format parser shares: JSON text with a line and column on error, and schema
 * validation whose error names the file, the record and the field.
 */

/** The deepest nesting of arrays and objects parseJsonText accepts (docs/adr/0024). */
export const MAX_JSON_DEPTH = 512;

/**
 * Parse JSON text, reporting the line and column of a syntax error. A leading UTF-8 byte-order
 * mark is dropped: RFC 8259 lets parsers ignore it, and Windows tools write it, so a BOM'd file
 * is valid input rather than "Unexpected token". Nesting deeper than `maxDepth` and duplicate
 * keys in one object are refused (checkJsonStructure): the first overflows every recursive reader
 * downstream, the second makes JSON.parse silently keep the last value while other tools keep
 * the first.
 */
export function parseJsonText(text: string, location: string, options: { maxDepth?: number } = {}): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const where = position === undefined ? "" : ` at ${lineAndColumn(body, Number(position))}`;
    // V8 quotes the offending text in its message; a binary file would put raw control bytes on
    // the user's terminal, so they are shown escaped.
    const reason = escapeControlCharacters(message.replace(/ in JSON at position \d+.*$/, ""));
    throw new InputError(`not valid JSON${where}: ${reason}`, { location });
  }
  checkJsonStructure(body, location, options.maxDepth ?? MAX_JSON_DEPTH);
  return value;
}

/** `line L, column C` of a character offset. */
function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf("\n"); at !== -1 && at < offset; at = text.indexOf("\n", at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/** Keys seen in one open object: a list while small (most objects have a handful), a set beyond. */
type KeysSeen = string[] | Set<string>;

/** Record `key` in `seen`; false when it was there already. */
function addKey(seen: KeysSeen, key: string): KeysSeen | false {
  if (Array.isArray(seen)) {
    if (seen.includes(key)) return false;
    seen.push(key);
    return seen.length > 16 ? new Set(seen) : seen;
  }
  if (seen.has(key)) return false;
  seen.add(key);
  return seen;
}

/** Index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  for (let at = text.indexOf('"', start + 1); ; at = text.indexOf('"', at + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}

/**
 * One linear pass over text JSON.parse has accepted: refuses nesting deeper than `maxDepth` and
 * a key that occurs twice in one object, naming its path (`components[3].version`). A scan of
 * the text rather than a reviver, because a reviver sees objects after duplicates are merged.
 */
function checkJsonStructure(text: string, location: string, maxDepth: number): void {
  // Per open container: the keys of an object (null for an array), and the key or index of the
  // value being read in it, which is the path when something is wrong.
  const keys: (KeysSeen | null)[] = [];
  const path: (string | number)[] = [];
  let expectKey = false;
  for (let at = 0; at < text.length; ) {
    const code = text.charCodeAt(at);
    if (code === 0x22) {
      const end = stringEnd(text, at);
      if (expectKey) {
        const raw = text.slice(at + 1, end);
        const key = raw.includes("\\") ? (JSON.parse(text.slice(at, end + 1)) as string) : raw;
        const top = keys.length - 1;
        const seen = addKey(keys[top] as KeysSeen, key);
        path[top] = key;
        if (seen === false) {
          const where = escapeControlCharacters(formatIssuePath(path));
          throw new InputError(
            `the key "${escapeControlCharacters(key.length > 80 ? `${key.slice(0, 80)}…` : key)}" occurs twice in one object; JSON readers disagree on which value counts, so the document is ambiguous`,
            { location: `${location}: ${where.length > 300 ? `${where.slice(0, 300)}…` : where}` },
          );
        }
        keys[top] = seen;
        expectKey = false;
      }
      at = end + 1;
    } else if (code === 0x7b || code === 0x5b) {
      if (keys.length >= maxDepth) {
        throw new InputError(
          `arrays and objects are nested more than ${maxDepth} levels deep at ${lineAndColumn(text, at)}; fleetpatch reads at most ${maxDepth}`,
          { location },
        );
      }
      keys.push(code === 0x7b ? [] : null);
      path.push(code === 0x7b ? "" : 0);
      expectKey = code === 0x7b;
      at++;
    } else if (code === 0x7d || code === 0x5d) {
      keys.pop();
      path.pop();
      expectKey = false;
      at++;
    } else if (code === 0x2c) {
      const top = keys.length - 1;
      if (keys[top] === null) path[top] = (path[top] as number) + 1;
      else expectKey = true;
      at++;
    } else {
      at++;
    }
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

/**
 * Validate `value` with `schema` or throw an InputError naming the file, the record and the field;
 * `basePath` is where `value` sits in the document, when it is not the whole document.
 */
export function parseWithSchema<T>(
  schema: z.ZodType<T>,
  value: unknown,
  location: string,
  basePath: readonly PropertyKey[] = [],
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problems)` : "";
  throw new InputError(`${issue?.message ?? "invalid"}${more}`, {
    location: `${location}: ${formatIssuePath([...basePath, ...(issue?.path ?? [])])}`,
  });
}
