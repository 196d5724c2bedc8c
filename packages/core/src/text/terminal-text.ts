/*
 * Text that fleetpatch prints comes partly from its inputs: component and asset names, advisory ids,
 * bytes quoted from a file. A terminal obeys control characters wherever they appear, so an SBOM
 * could clear the screen, retitle the window, hide lines or, with Unicode bidi overrides, make text
 * read differently from what it is (CVE-2021-42574). Such characters are shown as escapes instead.
 */

/**
 * C0 controls, DEL, C1 controls (U+0080–U+009F, which include the 8-bit CSI and OSC introducers),
 * and the bidi embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069. The bidi marks
 * (U+200E, U+200F, U+061C) stay: they reorder nothing but neutral characters, and right-to-left
 * names legitimately carry them.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function escapeOne(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * `text` with every character a terminal would act on written as a visible `\uXXXX` escape (ESC
 * becomes `\u001b`, RIGHT-TO-LEFT OVERRIDE `\u202e`); with `keepNewlines`, line feeds stay line
 * feeds (for messages that are several lines on purpose). The escape form is the JSON one, so a
 * JSON document stays valid and means the same after passing through here.
 */
export function escapeTerminalText(text: string, options: { keepNewlines?: boolean } = {}): string {
  const pattern = options.keepNewlines ? UNSAFE_BUT_NEWLINE : UNSAFE;
  pattern.lastIndex = 0;
  // The common case, nothing to escape, costs one scan and no copy.
  if (!pattern.test(text)) return text;
  return text.replace(pattern, escapeOne);
}
