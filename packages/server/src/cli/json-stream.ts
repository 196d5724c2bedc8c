import type { CliIo } from "./cli-io.js";

/** Write `text`, waiting for the stream to drain when it asks for it (a slow pipe, `| less`). */
export async function writeChunk(io: CliIo, text: string): Promise<void> {
  const out = io.stdout as CliIo["stdout"] & { once?: (event: "drain", listener: () => void) => unknown };
  if (out.write(text) === false && typeof out.once === "function") {
    await new Promise<void>((resolve) => out.once?.("drain", resolve));
  }
}

/**
 * Stream a listing as one pretty-printed JSON array, page by page, without building the array
 * first: the first item appears as soon as the first page is read, and memory stays at one page
 * whatever the listing's size. The output is the same text `JSON.stringify(all, null, 2)` gives.
 */
export async function writeJsonArray<T>(io: CliIo, pages: AsyncIterable<readonly T[]>): Promise<number> {
  let count = 0;
  for await (const page of pages) {
    if (page.length === 0) continue;
    const items = page.map((item) => `  ${JSON.stringify(item, null, 2).replaceAll("\n", "\n  ")}`);
    await writeChunk(io, `${count === 0 ? "[\n" : ",\n"}${items.join(",\n")}`);
    count += page.length;
  }
  await writeChunk(io, count === 0 ? "[]\n" : "\n]\n");
  return count;
}

/** Stream a listing as NDJSON: one compact JSON value per line. */
export async function writeNdjson<T>(io: CliIo, pages: AsyncIterable<readonly T[]>): Promise<number> {
  let count = 0;
  for await (const page of pages) {
    if (page.length === 0) continue;
    await writeChunk(io, `${page.map((item) => JSON.stringify(item)).join("\n")}\n`);
    count += page.length;
  }
  return count;
}
