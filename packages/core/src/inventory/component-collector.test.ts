import { describe, expect, it } from "vitest";
import { parsePackageUrl } from "../purl/purl.js";
import { ComponentCollector, resolveComponentVersion } from "./component-collector.js";
import { textProblem } from "./limits.js";

const purl = (text: string) => parsePackageUrl(text);

describe("resolveComponentVersion", () => {
  it.each([
    ["agreeing fields", "1.0.0", "pkg:npm/a@1.0.0", "1.0.0", null],
    ["no version field", null, "pkg:npm/a@1.0.0", "1.0.0", null],
    ["an empty version field", "", "pkg:npm/a@1.0.0", "1.0.0", null],
    ["no PURL version", "1.0.0", "pkg:npm/a", "1.0.0", null],
    ["one version under the type's scheme", "v1.2.3", "pkg:golang/example.com/m@1.2.3", "1.2.3", null],
    ["rpm's epoch qualifier folded in", "1:2.0-1.el9", "pkg:rpm/redhat/a@2.0-1.el9?epoch=1", "1:2.0-1.el9", null],
    [
      "a version field without the epoch",
      "2.0-1.el9",
      "pkg:rpm/redhat/a@2.0-1.el9?epoch=1",
      "1:2.0-1.el9",
      'version "2.0-1.el9" disagrees with the PURL\'s version "1:2.0-1.el9"',
    ],
    [
      "a different version",
      "2.0.0",
      "pkg:npm/a@1.0.0",
      "1.0.0",
      'version "2.0.0" disagrees with the PURL\'s version "1.0.0"',
    ],
    [
      "a version field its scheme cannot read",
      "latest",
      "pkg:npm/a@1.0.0",
      "1.0.0",
      'version "latest" disagrees with the PURL\'s version "1.0.0"',
    ],
  ])("with %s", (_, declared, text, version, conflict) => {
    expect(resolveComponentVersion(declared, purl(text))).toEqual({ version, conflict });
  });

  it("keeps the version field when there is no PURL", () => {
    expect(resolveComponentVersion("2.3.1", null)).toEqual({ version: "2.3.1", conflict: null });
  });
});

describe("ComponentCollector", () => {
  const entry = (name: string, version: string, ref: string | null = null) => ({
    name,
    declaredVersion: version,
    type: "library",
    purl: purl(`pkg:npm/${name}@${version}`),
    canonicalPurl: `pkg:npm/${name}@${version}`,
    cpe: null,
    ref,
  });

  it("collapses identical entries in order of first appearance and counts them", () => {
    const collector = new ComponentCollector("sbom.json");
    collector.add(entry("a", "1"), "components[0]");
    collector.add(entry("b", "1"), "components[1]");
    collector.add(entry("a", "1", "second-ref"), "components[2]");
    collector.add(entry("a", "2"), "components[3]");
    const { components, entries, warnings } = collector.result();
    expect(entries).toBe(4);
    expect(components.map((component) => [component.name, component.version, component.occurrences])).toEqual([
      ["a", "1", 2],
      ["b", "1", 1],
      ["a", "2", 1],
    ]);
    // The first entry's reference stays (none here): the collapsed one's is not stored.
    expect(components[0]?.bomRef).toBeNull();
    expect(warnings).toEqual([]);
  });

  it("accepts a reference repeated on identical entries and refuses it on different ones", () => {
    const collector = new ComponentCollector("sbom.json");
    collector.add(entry("a", "1", "r"), "components[0]");
    collector.add(entry("a", "1", "r"), "components[1]");
    expect(() => collector.add(entry("b", "1", "r"), "components[2]")).toThrow(
      'sbom.json: components[2].bom-ref: "r" already names components[0], a different component; a bom-ref must name one component within a document',
    );
  });

  it("warns once per distinct component whose version fields disagree", () => {
    const collector = new ComponentCollector("sbom.json");
    const conflicting = { ...entry("a", "1.0.0", "ref-a"), declaredVersion: "9.9.9" };
    collector.add(conflicting, "components[0]");
    collector.add({ ...conflicting, ref: null }, "components[1]");
    expect(collector.result().warnings).toEqual([
      {
        location: 'sbom.json: components[0] (bom-ref "ref-a")',
        message: 'version "9.9.9" disagrees with the PURL\'s version "1.0.0"; matching uses the PURL\'s',
      },
    ]);
  });
});

describe("textProblem", () => {
  it("accepts printable text of any script and refuses controls, C1 and lone surrogates", () => {
    expect(textProblem("libc6 2.36-9+deb12u4 ç 中文 😀", 100)).toBeNull();
    expect(textProblem("a\tb", 100)).toMatch(/U\+0009 at character 2/);
    expect(textProblem("a\u009bb", 100)).toMatch(/U\+009B at character 2/);
    expect(textProblem("\udc00", 100)).toMatch(/unpaired UTF-16 surrogate \(U\+DC00\)/);
    expect(textProblem("admin\u202egnp.exe", 100)).toMatch(/invisible format character U\+202E at character 6/);
    expect(textProblem("left\u200bpad", 100)).toMatch(/invisible format character U\+200B at character 5/);
    expect(textProblem("x".repeat(101), 100)).toBe("is 101 characters long; the limit is 100");
  });
});
