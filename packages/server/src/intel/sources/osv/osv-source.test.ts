import { describe, expect, it } from "vitest";
import { osvSource } from "./index.js";

describe("the OSV source's files", () => {
  it("recognises OSV JSON by an id and OSV YAML by a top-level id", () => {
    expect(osvSource.recognises('{\n  "id": "GO-2022-0603",', ".json")).toBe(true);
    expect(osvSource.recognises('{"statements": []}', ".json")).toBe(false);
    expect(osvSource.recognises("id: PYSEC-2021-335\ndetails: …", ".yaml")).toBe(true);
    expect(osvSource.recognises("name: ci\non: push", ".yml")).toBe(false);
  });

  it("tells a compressed download from an unrelated file", () => {
    expect(osvSource.unsupportedFileHint(".gz")).toBe(
      "a gzip-compressed file: decompress it (gunzip) and import the .json",
    );
    expect(osvSource.unsupportedFileHint(".zip")).toBe(
      "a zip archive (such as an OSV all.zip): unpack it and import the folder",
    );
    expect(osvSource.unsupportedFileHint(".xml")).toBe("not a .json, .yaml or .yml file");
  });
});
