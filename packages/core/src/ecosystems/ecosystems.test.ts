import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PURL_TYPE_RULES } from "../purl/purl-types.js";
import { getVersionScheme, versionSchemeNames } from "../versions/registry.js";
import { ECOSYSTEMS, UNSUPPORTED_ECOSYSTEMS } from "./ecosystem-table.js";
import {
  canonicalNamespace,
  ecosystemOfPackage,
  osvPackageParts,
  releaseKey,
  resolveOsvEcosystem,
  schemeOfEcosystem,
  schemeOfType,
} from "./ecosystems.js";
import { PACKAGE_TYPES } from "./package-types.js";

const upstreamEcosystems = Object.keys(
  JSON.parse(readFileSync(new URL("../../test/fixtures/osv-schema/ecosystems.json", import.meta.url), "utf8")),
);

// Renovate-style completeness: adding a scheme module, an upstream ecosystem or a type without
// registering it fails here, not silently in matching.
describe("the ecosystem table is complete", () => {
  it("covers every OSV ecosystem upstream lists, as matched or as unsupported with a reason", () => {
    const known = new Set([...ECOSYSTEMS, ...UNSUPPORTED_ECOSYSTEMS].map((entry) => entry.osvName));
    expect(upstreamEcosystems.filter((name) => !known.has(name))).toEqual([]);
    for (const entry of UNSUPPORTED_ECOSYSTEMS) expect(entry.reason.length, entry.osvName).toBeGreaterThan(10);
  });

  it("lists no ecosystem twice and none that upstream does not define", () => {
    const names = [...ECOSYSTEMS, ...UNSUPPORTED_ECOSYSTEMS].map((entry) => entry.osvName);
    expect(names.length).toBe(new Set(names).size);
    expect(names.filter((name) => !upstreamEcosystems.includes(name))).toEqual([]);
  });

  it("gives every matched ecosystem a PURL type the type table and purl-spec know", () => {
    for (const entry of ECOSYSTEMS) {
      expect(
        PACKAGE_TYPES.some((type) => type.type === entry.purlType),
        entry.osvName,
      ).toBe(true);
      expect(Object.hasOwn(PURL_TYPE_RULES, entry.purlType), entry.osvName).toBe(true);
    }
  });

  it("registers every scheme module in the versions folder", () => {
    const modules = readdirSync(new URL("../versions/", import.meta.url))
      .filter((file) => file.endsWith("-scheme.ts") && file !== "version-scheme.ts")
      .map((file) => file.replace(/-scheme\.ts$/, ""));
    // semver-scheme.ts holds two schemes, semver and npm.
    const registered = new Set(versionSchemeNames());
    expect(modules.filter((module) => !registered.has(module))).toEqual([]);
  });

  it("uses every registered scheme for some type, and names only registered schemes", () => {
    const used = new Set(PACKAGE_TYPES.map((type) => type.scheme).filter((scheme) => scheme !== null));
    expect(versionSchemeNames().filter((scheme) => !used.has(scheme))).toEqual([]);
    expect([...used].filter((scheme) => getVersionScheme(scheme as string) === undefined)).toEqual([]);
  });

  it("says why a type has no scheme", () => {
    for (const type of PACKAGE_TYPES.filter((entry) => entry.scheme === null)) {
      expect(type.noSchemeReason, type.type).toBeTruthy();
    }
  });

  it("gives each distribution namespace (and alias) to one ecosystem only", () => {
    const seen = new Map<string, string>();
    for (const entry of ECOSYSTEMS) {
      for (const namespace of [entry.namespace, ...(entry.namespaceAliases ?? [])]) {
        if (namespace === null) continue;
        const key = `${entry.purlType}/${namespace}`;
        expect(seen.get(key), key).toBeUndefined();
        seen.set(key, entry.osvName);
      }
    }
  });
});

describe("views of the ecosystem table", () => {
  it("resolves OSV ecosystem strings and their release suffixes", () => {
    const cases: Array<[string, string, string | null]> = [
      ["Debian:12", "Debian", "12"],
      ["Debian", "Debian", null],
      ["Debian:sid", "Debian", "sid"],
      ["Ubuntu:22.04:LTS", "Ubuntu", "22.04"],
      ["Ubuntu:Pro:18.04:LTS", "Ubuntu", "18.04"],
      ["Alpine:v3.18", "Alpine", "3.18"],
      ["Rocky Linux:9", "Rocky Linux", "9"],
      ["Red Hat:rhel_aus:8.4::appstream", "Red Hat", "8"],
      ["Alpaquita:stream", "Alpaquita", "stream"],
      ["Maven:https://maven.google.com", "Maven", null],
      ["NPM", "npm", null],
    ];
    for (const [value, name, release] of cases) {
      expect(resolveOsvEcosystem(value), value).toMatchObject({ ecosystem: { osvName: name }, release });
    }
    expect(resolveOsvEcosystem("Linux")).toBeUndefined();
  });

  it("reads releases the same from advisories and from distro qualifiers", () => {
    expect(releaseKey("major.minor", "alpine-3.18.4")).toBe(releaseKey("major.minor", "v3.18"));
    expect(releaseKey("major", "rocky-9.2")).toBe("9");
    expect(releaseKey("major", "12.4")).toBe("12");
    expect(releaseKey("none", "12")).toBeNull();
    expect(releaseKey("exact", "22.03-LTS-SP1")).toBe("22.03-lts-sp1");
  });

  it("finds the distribution of a PURL namespace, aliases included", () => {
    expect(ecosystemOfPackage("deb", "debian")?.osvName).toBe("Debian");
    expect(ecosystemOfPackage("rpm", "rocky")?.osvName).toBe("Rocky Linux");
    expect(canonicalNamespace("rpm", "rhel")).toBe("redhat");
    expect(canonicalNamespace("npm", "@babel")).toBe("@babel");
  });

  it("splits OSV names into PURL namespace and name per the ecosystem's rule", () => {
    const parts = (ecosystem: string, name: string) => {
      const entry = resolveOsvEcosystem(ecosystem)?.ecosystem;
      if (!entry) throw new Error(ecosystem);
      return osvPackageParts(entry, name);
    };
    expect(parts("Go", "github.com/eclipse/paho.mqtt.golang")).toEqual({
      type: "golang",
      namespace: "github.com/eclipse",
      name: "paho.mqtt.golang",
    });
    expect(parts("Maven", "org.apache.logging.log4j:log4j-core")).toMatchObject({
      namespace: "org.apache.logging.log4j",
      name: "log4j-core",
    });
    expect(parts("Packagist", "laravel/framework")).toMatchObject({ namespace: "laravel", name: "framework" });
    expect(parts("SwiftURL", "https://github.com/vapor/vapor.git")).toMatchObject({
      namespace: "github.com/vapor",
      name: "vapor",
    });
    expect(parts("Wolfi", "openssl")).toEqual({ type: "apk", namespace: "wolfi", name: "openssl" });
    expect(parts("Photon OS:5.0", "curl")).toEqual({ type: "rpm", namespace: "photon", name: "curl" });
  });

  it("derives each ecosystem's scheme from its PURL type", () => {
    const expected: Array<[string, string | undefined]> = [
      ["npm", "npm"],
      ["Go", "semver"],
      ["crates.io", "semver"],
      ["PyPI", "pypi"],
      ["Packagist", "composer"],
      ["Debian:12", "deb"],
      ["Wolfi", "apk"],
      ["Azure Linux:3.0", "rpm"],
      ["SUSE:Linux Enterprise Server 15 SP5", "rpm"],
      ["ConanCenter", "conan"],
      ["Hackage", undefined],
      ["Linux", undefined],
    ];
    for (const [ecosystem, scheme] of expected) expect(schemeOfEcosystem(ecosystem)?.name, ecosystem).toBe(scheme);
    expect(schemeOfType("golang")?.name).toBe("semver");
    expect(schemeOfType("nginx")?.name).toBe("semver");
  });
});
