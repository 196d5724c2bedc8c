/**
 * Opaque page cursors (docs/adr/0018): the keyset of the last row of a page, as base64url of a
 * JSON array of strings. Clients pass them back unchanged; a cursor that does not decode to the
 * expected shape is refused by the listing that reads it.
 */
export function encodeCursor(parts: readonly string[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(parts));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** The parts of a cursor, or undefined when it is not one `encodeCursor` made. */
export function decodeCursor(cursor: string): string[] | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(cursor)) return undefined;
  try {
    const binary = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    const parsed: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === "string")) return undefined;
    return parsed as string[];
  } catch {
    return undefined;
  }
}
