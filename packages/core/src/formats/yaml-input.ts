import { parse, YAMLError } from "yaml";
import { InputError } from "../errors/app-error.js";
import { escapeControlCharacters, MAX_JSON_DEPTH } from "./json-input.js";

/**
 * Parse YAML text (OSV records in YAML, as PyPA's advisory database writes them) into the same
 * values JSON would give. With the `yaml` library's YAML 1.2 core schema, timestamps stay strings
 * and keys must be unique. Aliases are capped, so a "billion laughs" document is refused. Only one
 * document per file is accepted, and nesting deeper than MAX_JSON_DEPTH is refused, as for JSON.
 * Errors name the line and column.
 */
export function parseYamlText(text: string, location: string, options: { maxDepth?: number } = {}): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = parse(body, { uniqueKeys: true, maxAliasCount: 100, strict: true, prettyErrors: true, schema: "core" });
  } catch (error) {
    // The library throws YAMLError for syntax, ReferenceError for an alias bomb, RangeError (as a
    // YAMLError) for nesting past the stack: every one is the input's fault.
    if (!(error instanceof YAMLError) && !(error instanceof RangeError) && !(error instanceof ReferenceError))
      throw error;
    const message = (error as Error).message.split("\n")[0] ?? "";
    throw new InputError(`not valid YAML: ${escapeControlCharacters(message)}`, { location });
  }
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  // Iterative, so the check itself cannot overflow the stack it protects.
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const { value: item, depth } = pending.pop() as { value: unknown; depth: number };
    if (typeof item !== "object" || item === null) continue;
    if (depth >= maxDepth) {
      throw new InputError(
        `mappings and sequences are nested more than ${maxDepth} levels deep; fleetpatch reads at most ${maxDepth}`,
        {
          location,
        },
      );
    }
    for (const child of Object.values(item)) pending.push({ value: child, depth: depth + 1 });
  }
  return value;
}
