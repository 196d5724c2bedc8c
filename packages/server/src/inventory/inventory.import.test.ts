import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { INVENTORY_LIMITS, InputError, UnsupportedFormatError } from "@fleetpatch/core";
import { expect, it } from "vitest";
import {
  cycloneDxBom,
  cycloneDxBomText,
  nestedComponentsBom,
  osvRecord,
  repeatedComponentBomText,
} from "../../test/factories.js";
import { TEST_FIXTURES } from "../../test/support/context.js";
import { describeOnEachDialect } from "../../test/support/dialects.js";

const vexOnly = join(TEST_FIXTURES, "cyclonedx", "vex.json");

/** Whatever `work` throws (or undefined), for asserting on its class and whole message. */
async function caught(work: () => Promise<unknown>): Promise<Error | undefined> {
  try {
    await work();
  } catch (error) {
    return error as Error;
  }
  return undefined;
}

describeOnEachDialect("SBOM import: duplicates, limits and what is not an inventory (issue 7)", (env) => {
  const rows = () =>
    env()
      .context.database.db.selectFrom("components")
      .select(["id", "name", "version", "purl", "occurrences", "identity_conflict"])
      .orderBy("name")
      .orderBy("version")
      .execute();

  it("stores 200,000 identical entries as one component with their count (item 4)", async () => {
    const { inventory } = env().context;
    const text = repeatedComponentBomText(
      "big",
      { name: "h2", version: "0.3.15", purl: "pkg:cargo/h2@0.3.15" },
      200_000,
    );
    const [result] = await inventory.importSbomDocuments([{ location: "big.json", text }]);
    expect(result).toMatchObject({ components: 1, entries: 200_000, added: 1, updated: 0, removed: 0 });
    const [row, ...rest] = await rows();
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ name: "h2", version: "0.3.15", occurrences: 200_000 });
    expect(await inventory.listAssets()).toMatchObject([{ name: "big", componentCount: 1, componentEntries: 200_000 }]);

    // The same SBOM again changes nothing; a new count updates the row in place.
    const [again] = await inventory.importSbomDocuments([{ location: "big.json", text }]);
    expect(again).toMatchObject({ added: 0, updated: 0, removed: 0 });
    const fewer = repeatedComponentBomText("big", { name: "h2", version: "0.3.15", purl: "pkg:cargo/h2@0.3.15" }, 3);
    const [third] = await inventory.importSbomDocuments([{ location: "big.json", text: fewer }]);
    expect(third).toMatchObject({ components: 1, entries: 3, added: 0, updated: 1, removed: 0 });
    expect(await rows()).toEqual([{ ...row, occurrences: 3 }]);
  });

  it("collapses entries that differ only in bom-ref, keeps versions apart, and refuses a bom-ref naming two components", async () => {
    const { inventory } = env().context;
    const lodash = (version: string, bomRef: string) => ({
      name: "lodash",
      version,
      purl: `pkg:npm/lodash@${version}`,
      bomRef,
    });
    const [result] = await inventory.importSbomDocuments([
      {
        location: "app.json",
        text: cycloneDxBomText("app", [
          lodash("4.17.21", "lodash@4.17.21|node_modules/lodash"),
          lodash("4.17.21", "lodash@4.17.21|node_modules/a/node_modules/lodash"),
          lodash("4.17.20", "lodash@4.17.20|node_modules/b/node_modules/lodash"),
        ]),
      },
    ]);
    expect(result).toMatchObject({ components: 2, entries: 3 });
    expect((await rows()).map((row) => [row.version, row.occurrences])).toEqual([
      ["4.17.20", 1],
      ["4.17.21", 2],
    ]);

    const error = await caught(() =>
      inventory.importSbomDocuments([
        {
          location: "bad.json",
          text: cycloneDxBomText("app", [lodash("4.17.21", "dup"), lodash("4.17.20", "dup")]),
        },
      ]),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error?.message).toBe(
      'bad.json: components[1].bom-ref: "dup" already names components[0], a different component; a bom-ref must name one component within a document',
    );
  });

  it("refuses a VEX-only document instead of emptying the asset (item 8)", async () => {
    const { inventory } = env().context;
    const three = cycloneDxBomText("gw", [
      { name: "a", version: "1" },
      { name: "b", version: "1" },
      { name: "c", version: "1" },
    ]);
    await inventory.importSbomDocuments([{ location: "gw.json", text: three }]);
    // The real CycloneDX VEX example has no metadata.component, so the asset is named explicitly.
    const error = await caught(() => inventory.importSbomFiles([vexOnly], { assetName: "gw" }));
    expect(error).toBeInstanceOf(UnsupportedFormatError);
    expect(error?.message).toBe(
      `${vexOnly}: this CycloneDX document lists 1 vulnerability and no components: it is a VEX or VDR document, not an inventory, and importing it would empty the asset; VEX import is not available yet`,
    );
    expect((await rows()).map((row) => row.name)).toEqual(["a", "b", "c"]);

    // An SBOM with components and vulnerabilities imports its components and says what it left.
    const withVulnerabilities = {
      ...cycloneDxBom("gw", [{ name: "a", version: "1" }]),
      vulnerabilities: JSON.parse(readFileSync(vexOnly, "utf8")).vulnerabilities,
    };
    const [result] = await inventory.importSbomDocuments([{ location: "vdr.json", json: withVulnerabilities }]);
    expect(result).toMatchObject({ components: 1, removed: 2 });
    expect(result?.warnings).toEqual([
      "vdr.json: vulnerabilities: the document's 1 vulnerability entry was not imported (VEX import is not available yet)",
    ]);
  });

  it("imports an SBOM that lists no components as an empty inventory, and says so when it empties an asset", async () => {
    const { inventory } = env().context;
    const [created] = await inventory.importSbomDocuments([{ location: "new.json", text: cycloneDxBomText("gw", []) }]);
    expect(created).toMatchObject({ created: true, components: 0, warnings: [] });
    await inventory.importSbomDocuments([{ location: "v1.json", text: cycloneDxBomText("gw", [{ name: "a" }]) }]);
    const { components: _, ...withoutList } = cycloneDxBom("gw", []);
    const [emptied] = await inventory.importSbomDocuments([{ location: "v2.json", json: withoutList }]);
    expect(emptied).toMatchObject({ components: 0, removed: 1 });
    expect(emptied?.warnings).toEqual([
      "v2.json: the SBOM lists no components, so all 1 components of the asset were removed",
    ]);
  });

  it.each([
    [
      "a NUL in a component name",
      cycloneDxBom("gw", [{ name: "evil\u0000name", version: "1", bomRef: "ref-1" }]),
      'x.json: components[0].name (bom-ref "ref-1"): contains the control character U+0000 at character 5; names, versions and identifiers must be printable text',
    ],
    [
      "a NUL in the asset name",
      cycloneDxBom("gw\u0000x", [{ name: "a" }]),
      "x.json: metadata.component.name: contains the control character U+0000 at character 3; names, versions and identifiers must be printable text",
    ],
    [
      "a 10 MB asset name",
      cycloneDxBom("A".repeat(10 * 1024 * 1024), [{ name: "a" }]),
      "x.json: metadata.component.name: is 10,485,760 characters long; the limit is 255",
    ],
    [
      "a 10 MB component name",
      cycloneDxBom("gw", [{ name: "a" }, { name: "B".repeat(10 * 1024 * 1024) }]),
      "x.json: components[1].name: is 10,485,760 characters long; the limit is 512",
    ],
    [
      "an escape sequence in a version",
      cycloneDxBom("gw", [{ name: "a", version: "1\u001b[2J" }]),
      "x.json: components[0].version: contains the control character U+001B at character 2; names, versions and identifiers must be printable text",
    ],
    [
      "a bidi override in a component name",
      cycloneDxBom("gw", [{ name: "left\u202epad" }]),
      "x.json: components[0].name: contains the invisible format character U+202E at character 5; names, versions and identifiers must be printable text",
    ],
    [
      "an unpaired surrogate in a version",
      cycloneDxBom("gw", [{ name: "a", version: "1.\ud800" }]),
      "x.json: components[0].version: contains an unpaired UTF-16 surrogate (U+D800), which is not valid Unicode, at character 3; names, versions and identifiers must be printable text",
    ],
    [
      "a NUL percent-encoded in a PURL",
      cycloneDxBom("gw", [{ name: "a", purl: "pkg:npm/a%00b@1.0.0" }]),
      "x.json: components[0].purl (decoded): contains the control character U+0000 at character 2; names, versions and identifiers must be printable text",
    ],
    [
      "a PURL over the limit",
      cycloneDxBom("gw", [{ name: "a", purl: `pkg:npm/${"a".repeat(INVENTORY_LIMITS.purl)}@1.0.0` }]),
      `x.json: components[0].purl: is ${(INVENTORY_LIMITS.purl + 14).toLocaleString("en-US")} characters long; the limit is ${INVENTORY_LIMITS.purl.toLocaleString("en-US")}`,
    ],
    [
      "components nested 150 deep",
      nestedComponentsBom("gw", 150),
      `x.json: ${"components[0].".repeat(100).slice(0, 120)}….components: components are nested more than 100 levels deep; fleetpatch reads at most 100`,
    ],
  ])("refuses %s with one line, the same on every dialect, and writes nothing (item 9)", async (_, bom, message) => {
    const { inventory } = env().context;
    // As a file's text (the CLI) and as a parsed body (the HTTP API): one message for both.
    for (const document of [
      { location: "x.json", text: JSON.stringify(bom) },
      { location: "x.json", json: bom },
    ]) {
      const error = await caught(() => inventory.importSbomDocuments([document]));
      expect(error).toBeInstanceOf(InputError);
      expect(error?.message).toBe(message);
    }
    expect(await inventory.listAssets()).toEqual([]);
  });

  it("refuses 1,000-deep components with one line instead of overflowing the stack (item 9)", async () => {
    const { inventory } = env().context;
    const bom = nestedComponentsBom("gw", 1000);
    // The text stops at the JSON depth limit; an HTTP body, parsed before it reaches us, at the nesting limit.
    const text = await caught(() => inventory.importSbomDocuments([{ location: "x.json", text: JSON.stringify(bom) }]));
    expect(text).toBeInstanceOf(InputError);
    expect(text?.message).toMatch(
      /^x\.json: arrays and objects are nested more than 512 levels deep at line 1, column \d+; fleetpatch reads at most 512$/,
    );
    const body = await caught(() => inventory.importSbomDocuments([{ location: "body", json: bom }]));
    expect(body).toBeInstanceOf(InputError);
    expect(body?.message).toMatch(/^body: components\[0\]\.comp.*: components are nested more than 100 levels deep/);
    expect(await inventory.listAssets()).toEqual([]);
  });

  it("refuses an asset name given with the import by the same rule", async () => {
    const error = await caught(() =>
      env().context.inventory.importSbomDocuments([{ location: "x.json", text: cycloneDxBomText("gw", []) }], {
        assetName: "plant\u0007",
      }),
    );
    expect(error?.message).toBe(
      "the asset name contains the control character U+0007 at character 6; names, versions and identifiers must be printable text",
    );
  });

  it("refuses a duplicate version key with its path (item 12)", async () => {
    const text = JSON.stringify(cycloneDxBom("gw", [{ name: "a", version: "1.0.0" }])).replace(
      '"version":"1.0.0"',
      '"version":"1.0.0","version":"2.0.0"',
    );
    const error = await caught(() => env().context.inventory.importSbomDocuments([{ location: "dup.json", text }]));
    expect(error).toBeInstanceOf(InputError);
    expect(error?.message).toMatch(
      /^dup\.json: components\[0\]\.version: the key "version" occurs twice in one object/,
    );
    expect(await env().context.inventory.listAssets()).toEqual([]);
  });

  it("marks a component whose version disagrees with its PURL's, warns, and matches the PURL's version (item 12)", async () => {
    const { inventory, intel, findings } = env().context;
    const [result] = await inventory.importSbomDocuments([
      {
        location: "gw.json",
        text: cycloneDxBomText("gw", [
          { name: "left-pad", version: "2.0.0", purl: "pkg:npm/left-pad@1.0.0", bomRef: "lp" },
          // `v1.2.3` and `1.2.3` are one version under the semver scheme: no conflict.
          { name: "golang.org/x/text", version: "v0.3.7", purl: "pkg:golang/golang.org/x/text@v0.3.7" },
        ]),
      },
    ]);
    expect(result?.identityConflicts).toBe(1);
    expect(result?.warnings).toEqual([
      'gw.json: components[0] (bom-ref "lp"): version "2.0.0" disagrees with the PURL\'s version "1.0.0"; matching uses the PURL\'s',
    ]);
    expect((await rows()).find((row) => row.name === "left-pad")).toMatchObject({
      version: "1.0.0",
      identity_conflict: 'version "2.0.0" disagrees with the PURL\'s version "1.0.0"',
    });
    await intel.importDocument(
      "osv",
      osvRecord({
        id: "GHSA-test-0001",
        ecosystem: "npm",
        name: "left-pad",
        events: [{ introduced: "0" }, { fixed: "1.5.0" }],
      }),
      "record",
    );
    await findings.match();
    const [finding] = await findings.listAll();
    expect(finding).toMatchObject({
      vulnerability: "GHSA-test-0001",
      component: { name: "left-pad", version: "1.0.0" },
    });
  });

  it("imports a spooled body file under the name the user knows, gzipped or not (item 10)", async () => {
    const { inventory } = env().context;
    const folder = mkdtempSync(join(tmpdir(), "fleetpatch-body-"));
    try {
      const body = join(folder, "body");
      writeFileSync(body, gzipSync(cycloneDxBomText("gw", [{ name: "a", version: "1" }])));
      expect(await inventory.importSbomFile(body, "request body")).toMatchObject([{ name: "gw", components: 1 }]);
      writeFileSync(body, Buffer.from(cycloneDxBomText("gw", [{ name: "caf\u00e9" }]), "latin1"));
      const error = await caught(() => inventory.importSbomFile(body, "request body"));
      expect(error?.message).toMatch(/^request body: not UTF-8 text: the byte 0xE9 at byte offset \d+ \(line 1\)/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("keeps service messages free of CLI flags unless the front end names its option", async () => {
    const { inventory } = env().context;
    const bare = { ...cycloneDxBom("gw", []), metadata: {} };
    const neutral = await caught(() => inventory.importSbomDocuments([{ location: "body", json: bare }]));
    expect(neutral?.message).toBe(
      "body: the SBOM has no metadata.component to name the asset; name it with an explicit asset name",
    );
    const cli = await caught(() =>
      inventory.importSbomDocuments([{ location: "a.json", json: bare }], { assetNameOption: "--asset NAME" }),
    );
    expect(cli?.message).toBe(
      "a.json: the SBOM has no metadata.component to name the asset; name it with --asset NAME",
    );
    const two = await caught(() =>
      inventory.importSbomDocuments(
        [
          { location: "a.json", json: bare },
          { location: "b.json", json: bare },
        ],
        { assetName: "gw" },
      ),
    );
    expect(two?.message).toBe("an explicit asset name names one asset, so give exactly one SBOM with it");
  });
});
