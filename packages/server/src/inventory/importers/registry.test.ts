import { describe, expect, it } from "vitest";
import { cycloneDxBomText } from "../../../test/factories.js";
import { subfolders } from "../../../test/support/folders.js";
import { INVENTORY_IMPORTERS, importerFor } from "./registry.js";

describe("inventory importer registry", () => {
  it("lists every importer folder (adding a format is adding a folder and a line)", () => {
    const folders = subfolders(new URL("./", import.meta.url));
    const registered = INVENTORY_IMPORTERS.map((importer) => importer.name.split("-")[0]).sort();
    expect(registered).toEqual(folders);
  });

  it("picks the importer by what the document is, and names what it found otherwise", () => {
    expect(importerFor({ location: "a.json", text: cycloneDxBomText("gw", []) }).name).toBe("cyclonedx-json");
    expect(() => importerFor({ location: "doc.spdx", text: "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n" })).toThrow(
      /^doc\.spdx: this is SPDX tag-value \(not supported yet\); fleetpatch imports CycloneDX 1\.2–1\.7 JSON$/,
    );
    expect(() => importerFor({ location: "body", json: { spdxVersion: "SPDX-2.3" } })).toThrow(
      /SPDX-2\.3 JSON document/,
    );
    expect(() =>
      importerFor({
        location: "b.xml",
        text: '<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.5"/>',
      }),
    ).toThrow(/CycloneDX XML \(not supported yet\)/);
  });
});
