import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, parseJsonText } from "./json-input.js";

describe("parseJsonText", () => {
  it("refuses a key that occurs twice in one object, naming its path", () => {
    const text = '{"components":[{"name":"a"},{"name":"b","version":"1","version":"2"}]}';
    expect(() => parseJsonText(text, "sbom.json")).toThrow(
      /^sbom\.json: components\[1\]\.version: the key "version" occurs twice in one object; JSON readers disagree/,
    );
  });

  it("sees through escapes when comparing keys", () => {
    expect(() => parseJsonText('{"name":"a","n\\u0061me":"b"}', "x.json")).toThrow(
      /^x\.json: name: the key "name" occurs twice/,
    );
  });

  it("accepts the same key in sibling and nested objects, and strings that look like structure", () => {
    const text = JSON.stringify({
      a: { id: 1, nested: { id: 2 } },
      b: [{ id: 1 }, { id: 2 }],
      quote: 'he said "{\\"id\\":1,\\"id\\":2}" [',
      many: Object.fromEntries(Array.from({ length: 100 }, (_, index) => [`k${index}`, index])),
    });
    expect(parseJsonText(text, "ok.json")).toEqual(JSON.parse(text));
  });

  it("finds a duplicate among many keys of one object", () => {
    const keys = Array.from({ length: 40 }, (_, index) => `"k${index}":${index}`).join(",");
    expect(() => parseJsonText(`{${keys},"k7":0}`, "wide.json")).toThrow(/^wide\.json: k7: the key "k7" occurs twice/);
  });

  it("refuses nesting deeper than the limit with one line, without overflowing the stack", () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    let message = "";
    try {
      parseJsonText(deep, "deep.json");
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      `deep.json: arrays and objects are nested more than ${MAX_JSON_DEPTH} levels deep at line 1, column ${MAX_JSON_DEPTH + 1}; fleetpatch reads at most ${MAX_JSON_DEPTH}`,
    );
    const atLimit = `${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}`;
    expect(() => parseJsonText(atLimit, "ok.json")).not.toThrow();
  });

  it("reports broken JSON after a byte-order mark at its true column", () => {
    expect(() => parseJsonText('\ufeff{\n  "bomFormat": "CycloneDX",\n  oops\n}', "bom.json")).toThrow(
      /^bom\.json: not valid JSON at line 3, column 3/,
    );
  });
});
