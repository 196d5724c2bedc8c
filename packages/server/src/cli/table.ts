import { escapeTerminalText } from "@fleetpatch/core";

/** A cell as a table shows it: `-` for nothing, control characters escaped (see renderTable). */
export function tableCell(cell: string | number | null): string {
  return cell === null ? "-" : escapeTerminalText(String(cell));
}

/**
 * Render rows as a plain left-aligned text table with a header line. Cells come from imported data
 * (component and asset names, advisory ids), so control characters in them are shown escaped:
 * a table must never clear the screen or retitle the window, and widths count what is shown.
 */
export function renderTable(
  headers: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
): string {
  const cells = rows.map((row) => row.map(tableCell));
  // A loop, not Math.max(...column): spreading a million rows overflows the call stack.
  const widths = headers.map((header) => header.length);
  for (const row of cells) {
    row.forEach((cell, column) => {
      if (cell.length > (widths[column] ?? 0)) widths[column] = cell.length;
    });
  }
  const line = (values: readonly string[]) =>
    values
      .map((value, column) => (column === values.length - 1 ? value : value.padEnd(widths[column] ?? 0)))
      .join("  ")
      .trimEnd();
  return `${[line(headers), ...cells.map(line)].join("\n")}\n`;
}
