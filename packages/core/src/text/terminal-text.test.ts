import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeTerminalText } from "./terminal-text.js";

describe("escapeTerminalText", () => {
  it("shows ANSI and OSC escape sequences instead of letting a terminal run them", () => {
    expect(escapeTerminalText("\u001b]0;pwned\u0007lib\u001b[2J")).toBe("\\u001b]0;pwned\\u0007lib\\u001b[2J");
  });

  it("escapes DEL, C1 controls (8-bit CSI) and bidi overrides and isolates", () => {
    expect(escapeTerminalText("a\u007fb\u009b31mc")).toBe("a\\u007fb\\u009b31mc");
    expect(escapeTerminalText("evil\u202egnp.exe \u2066x\u2069")).toBe("evil\\u202egnp.exe \\u2066x\\u2069");
  });

  it("escapes line breaks unless told to keep them, and always carriage returns and tabs", () => {
    expect(escapeTerminalText("one\ntwo\r\tthree")).toBe("one\\u000atwo\\u000d\\u0009three");
    expect(escapeTerminalText("one\ntwo\r\u001b[1A", { keepNewlines: true })).toBe("one\ntwo\\u000d\\u001b[1A");
  });

  it("leaves printable text, other scripts and right-to-left marks alone", () => {
    const text = "golang.org/x/crypto v0.16.0 — Grüße, 日本語, עברית\u200f, C:\\path";
    expect(escapeTerminalText(text)).toBe(text);
  });

  it("never leaves a control character behind and keeps JSON meaning the same", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const escaped = escapeTerminalText(text);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence.
        expect(escaped).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        expect(JSON.parse(escapeTerminalText(JSON.stringify({ text })))).toEqual({ text });
      }),
    );
  });
});
