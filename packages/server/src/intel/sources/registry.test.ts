import { describe, expect, it } from "vitest";
import { subfolders } from "../../../test/support/folders.js";
import { INTEL_SOURCES, intelSource } from "./registry.js";

describe("intelligence source registry", () => {
  it("lists every source folder (adding a source is adding a folder and a line)", () => {
    const folders = subfolders(new URL("./", import.meta.url));
    expect(INTEL_SOURCES.map((source) => source.name).sort()).toEqual(folders);
  });

  it("refuses an unknown source by name, listing the known ones", () => {
    expect(intelSource("osv").name).toBe("osv");
    expect(() => intelSource("nvd-2")).toThrow('no intelligence source "nvd-2"; known: osv');
  });
});
