import { describe, expect, it } from "vitest";
import { osvSource } from "./index.js";

describe("the OSV source's refusal of other files", () => {
  it("tells a compressed download from an unrelated file", () => {
    expect(osvSource.unsupportedFileHint(".gz")).toBe(
      "a gzip-compressed file: decompress it (gunzip) and import the .json",
    );
    expect(osvSource.unsupportedFileHint(".zip")).toBe(
      "a zip archive (such as an OSV all.zip): unpack it and import the folder",
    );
    expect(osvSource.unsupportedFileHint(".yaml")).toBe("OSV YAML is not supported yet; use OSV JSON");
    expect(osvSource.unsupportedFileHint(".xml")).toBe("not a .json file");
  });
});
