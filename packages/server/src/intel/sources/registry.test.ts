import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { INTEL_SOURCES, intelSource } from "./registry.js";

describe("intelligence source registry", () => {
  it("lists every source folder (adding a source is adding a folder and a line)", () => {
    const folders = readdirSync(new URL("./", import.meta.url), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(INTEL_SOURCES.map((source) => source.name).sort()).toEqual(folders);
  });

  it("refuses an unknown source by name, listing the known ones", () => {
    expect(intelSource("osv").name).toBe("osv");
    expect(() => intelSource("nvd-2")).toThrow('no intelligence source "nvd-2"; known: osv');
  });
});
