import { describe, expect, it } from "vitest";
import { renderTable } from "./table.js";

describe("renderTable", () => {
  it("shows escape sequences in cells instead of letting them retitle the window or clear the screen", () => {
    const table = renderTable(
      ["NAME", "VERSION"],
      [
        ["\u001b]0;pwned\u0007openssl", "\u001b[2J3.0.2"],
        ["zlib", "1.3"],
      ],
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence.
    expect(table).not.toMatch(/[\u001b\u0007]/);
    expect(table).toBe(
      [
        `${"NAME".padEnd(27)}  VERSION`,
        "\\u001b]0;pwned\\u0007openssl  \\u001b[2J3.0.2",
        `${"zlib".padEnd(27)}  1.3`,
        "",
      ].join("\n"),
    );
  });

  it("escapes bidi overrides and line breaks so a cell stays one cell", () => {
    const table = renderTable(["ID"], [["CVE-2024-1\u202e\nfixed"]]);
    expect(table).toBe("ID\nCVE-2024-1\\u202e\\u000afixed\n");
  });

  it("renders a listing of hundreds of thousands of rows", () => {
    const rows = Array.from({ length: 300_000 }, (_, index) => [`component-${index}`, index]);
    const table = renderTable(["NAME", "N"], rows);
    expect(table.split("\n")).toHaveLength(300_002);
    expect(table.split("\n")[1]).toBe("component-0       0");
  });
});
