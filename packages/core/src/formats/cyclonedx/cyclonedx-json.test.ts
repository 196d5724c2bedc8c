import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseCycloneDxJson, parseCycloneDxValue } from "./cyclonedx-json.js";

/** The server's fixtures: the demo SBOM and real CycloneDX examples (see their PROVENANCE.md). */
const SERVER = fileURLToPath(new URL("../../../../server/", import.meta.url));
const demoSbom = join(SERVER, "fixtures", "demo", "sboms", "edge-gateway-2.3.1.cdx.json");
const TEST_FIXTURES = join(SERVER, "test", "fixtures");

function bom(overrides: Record<string, unknown>): string {
  return JSON.stringify({ bomFormat: "CycloneDX", specVersion: "1.6", components: [], ...overrides });
}

describe("CycloneDX JSON parser", () => {
  it("reads the subject and flattens nested components with canonical PURLs", () => {
    const sbom = parseCycloneDxJson(readFileSync(demoSbom, "utf8"), demoSbom);
    expect(sbom.format).toBe("CycloneDX 1.5");
    expect(sbom.subject).toEqual({ name: "gw-berlin-01", version: "2.3.1", type: "device" });
    expect(sbom.components.map((component) => component.name)).toContain("h2");
    expect(sbom.components.find((component) => component.name === "acme-eg200-firmware")?.type).toBe("firmware");
    expect(sbom.components.find((component) => component.name === "busybox")?.cpe).toBe(
      "cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*",
    );
    expect(sbom.components).toHaveLength(10);
  });

  it.each(["1.4", "1.5", "1.6"])("reads component fields in spec %s", (version) => {
    const text = bom({
      specVersion: version,
      components: [
        {
          type: "library",
          name: "laravel/framework",
          version: "v7.12.0",
          purl: "pkg:composer/laravel/framework@v7.12.0",
        },
      ],
    });
    const sbom = parseCycloneDxJson(text, "inline.json");
    expect(sbom.components[0]).toMatchObject({
      name: "laravel/framework",
      purl: "pkg:composer/laravel/framework@v7.12.0",
    });
  });

  it("reads a real CycloneDX 1.4 SBOM from the CycloneDX examples", () => {
    const file = join(TEST_FIXTURES, "cyclonedx", "laravel-7.12.0.bom.1.4.json");
    const sbom = parseCycloneDxJson(readFileSync(file, "utf8"), file);
    expect(sbom.format).toBe("CycloneDX 1.4");
    expect(sbom.components.length).toBeGreaterThan(50);
    expect(sbom.components.every((component) => component.purl?.startsWith("pkg:composer/"))).toBe(true);
  });

  it("names the file, the component and the field of a malformed PURL", () => {
    const text = bom({
      components: [
        { type: "library", name: "ok" },
        { type: "library", name: "bad", purl: "not-a-purl" },
      ],
    });
    expect(() => parseCycloneDxJson(text, "sbom.json")).toThrow(
      /^sbom\.json: components\[1\]\.purl: invalid package URL "not-a-purl"/,
    );
  });

  it("names the field of a component without a name, even when nested", () => {
    const text = bom({
      components: [{ type: "firmware", name: "fw", components: [{ type: "library", version: "1" }] }],
    });
    expect(() => parseCycloneDxJson(text, "sbom.json")).toThrow(/sbom\.json: components\[0\]\.components\[0\]\.name/);
  });

  it("never echoes raw control bytes of a binary file in its error", () => {
    let message = "";
    try {
      parseCycloneDxJson("\u0089PNG\r\n\u001a\n", "image.json");
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^image\.json: not valid JSON/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is that none appear.
    expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(message).toContain("\\u001a");
  });

  it("reads a file that starts with a UTF-8 byte-order mark", () => {
    const sbom = parseCycloneDxJson(`\ufeff${readFileSync(demoSbom, "utf8")}`, demoSbom);
    expect(sbom.components).toHaveLength(10);
  });

  it("reports the line and column of broken JSON", () => {
    expect(() => parseCycloneDxJson('{\n  "bomFormat": "CycloneDX",\n  oops\n}', "broken.json")).toThrow(
      /^broken\.json: not valid JSON at line 3, column 3/,
    );
  });

  it("tells an SPDX JSON document apart from CycloneDX", () => {
    const text = JSON.stringify({ spdxVersion: "SPDX-2.3", SPDXID: "SPDXRef-DOCUMENT" });
    expect(() => parseCycloneDxJson(text, "doc.spdx.json")).toThrow(/not a CycloneDX SBOM.*SPDX-2\.3/);
  });

  it("rejects CycloneDX XML with a pointer to JSON", () => {
    expect(() =>
      parseCycloneDxJson('<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.5"/>', "b.xml"),
    ).toThrow(/CycloneDX XML is not supported yet/);
  });

  it("rejects an unknown specVersion", () => {
    expect(() => parseCycloneDxJson(bom({ specVersion: "2.0" }), "x.json")).toThrow(
      /x\.json: specVersion: unsupported CycloneDX specVersion/,
    );
  });
});

describe("CycloneDX JSON parser on what is not a plain inventory (issue 7)", () => {
  it("flattens nested components depth first, in document order", () => {
    const text = bom({
      components: [
        {
          type: "firmware",
          name: "fw",
          components: [
            { type: "library", name: "a" },
            { type: "library", name: "b", components: [{ type: "library", name: "b1" }] },
          ],
        },
        { type: "library", name: "c" },
      ],
    });
    expect(parseCycloneDxJson(text, "x.json").components.map((component) => component.name)).toEqual([
      "fw",
      "a",
      "b",
      "b1",
      "c",
    ]);
  });

  it("refuses the real CycloneDX VEX example as an inventory", () => {
    const file = join(TEST_FIXTURES, "cyclonedx", "vex.json");
    expect(() => parseCycloneDxJson(readFileSync(file, "utf8"), file)).toThrow(
      /lists 1 vulnerability and no components: it is a VEX or VDR document, not an inventory.*VEX import is not available yet$/,
    );
  });

  it("reads a document without components or vulnerabilities as an empty inventory", () => {
    const { components: _, ...empty } = JSON.parse(bom({}));
    const sbom = parseCycloneDxJson(JSON.stringify(empty), "empty.json");
    expect(sbom).toMatchObject({ components: [], entries: 0, warnings: [] });
  });

  it("refuses 1,000 levels of nesting with one line instead of overflowing the stack", () => {
    let component: Record<string, unknown> = { type: "library", name: "leaf" };
    for (let level = 0; level < 1000; level++)
      component = { type: "library", name: `n${level}`, components: [component] };
    const document = JSON.parse(bom({ components: [component] }));
    expect(() => parseCycloneDxValue(document, "body")).toThrow(
      /^body: components\[0\]\.components\[0\].*: components are nested more than 100 levels deep; fleetpatch reads at most 100$/,
    );
  });
});
