import type { CliIo } from "./cli-io.js";
import { writeChunk } from "./json-stream.js";
import { tableCell } from "./table.js";

type Cell = string | number | null;

/**
 * A table written page by page: the header is aligned with the first page, later pages reuse the
 * first page's column widths, so a listing of a million rows starts at once and never sits in
 * memory whole. A later cell wider than its column pushes the rest of its row right.
 */
export function tableStream(io: CliIo, headers: readonly string[], cellText: (cell: Cell) => string = tableCell) {
  let widths: number[] | undefined;
  let rows = 0;
  const line = (values: readonly string[], known: readonly number[]) =>
    values
      .map((value, column) => (column === values.length - 1 ? value : value.padEnd(known[column] ?? 0)))
      .join("  ")
      .trimEnd();
  return {
    /** Rows written so far. */
    get rows() {
      return rows;
    },
    /** Write one page (the first call writes the header too, even for an empty page). */
    async write(page: ReadonlyArray<ReadonlyArray<Cell>>): Promise<void> {
      const cells = page.map((row) => row.map(cellText));
      const lines: string[] = [];
      if (widths === undefined) {
        widths = headers.map((header, column) =>
          Math.max(header.length, ...cells.map((row) => (row[column] ?? "").length)),
        );
        lines.push(line(headers, widths));
      }
      const known = widths;
      for (const row of cells) lines.push(line(row, known));
      rows += page.length;
      if (lines.length > 0) await writeChunk(io, `${lines.join("\n")}\n`);
    },
  };
}
