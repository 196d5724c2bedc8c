import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/app-error.js";
import { apkFuzzyMatches, apkScheme, apkVersionTextMatches } from "./apk-scheme.js";
import { composerScheme } from "./composer-scheme.js";
import { gemScheme } from "./gem-scheme.js";
import { genericScheme } from "./generic-scheme.js";
import { gentooScheme } from "./gentoo-scheme.js";
import { mavenScheme } from "./maven-scheme.js";
import { nugetScheme } from "./nuget-scheme.js";
import { opensslScheme } from "./openssl-scheme.js";
import { pypiScheme } from "./pypi-scheme.js";
import { getVersionScheme, versionSchemeNames } from "./registry.js";
import { semverScheme } from "./semver-scheme.js";
import { InvalidVersionError, type VersionScheme } from "./version-scheme.js";

/** Valid versions per registered scheme, mixing the cases each scheme orders specially. */
const SAMPLES: Readonly<Record<string, readonly string[]>> = {
  semver: [
    "0.0.0-0",
    "1.0.0-alpha",
    "1.0.0-alpha.1",
    "1.0.0-alpha.beta",
    "1.0.0-beta.11",
    "1.0.0-rc.1",
    "1.0.0",
    "1.0.0+build",
    "v1.2.3",
    "10.0.0",
  ],
  deb: ["0", "1.0~rc1", "1.0", "1.0-1", "1.0+nmu1", "1:0.1", "2.2~rc-4", "1.0.8+nmu1", "0.9j-20080306-4", "1.0-0"],
  rpm: ["1.0~rc1", "1.0", "1.0^git1", "1.0.1", "1:0.1", "1.0-1.el8", "5.5p10", "2_0", "2.0", "a"],
  apk: ["1.0_alpha", "1.0_rc1", "1.0", "1.0-r1", "1.0_p1", "1.0a", "1.0.1", "1.0~abc", "01.0", "1.06"],
  pypi: ["1.0.dev1", "1.0a1", "1.0b2.post3", "1.0rc1", "1.0", "1.0.post1", "1.0+local.1", "1!0.1", "1.0.0", "2.0"],
  maven: ["1-alpha-1", "1-beta", "1-milestone-2", "1-rc1", "1-SNAPSHOT", "1", "1-sp", "1-xyz", "1.0.1", "1.0.0.Final"],
  nuget: [
    "1.0.0-alpha",
    "1.0.0-Alpha.2",
    "1.0.0-beta",
    "1.0.0",
    "1.0",
    "1.0.0.1",
    "1.0.0+meta",
    "2.0.0-rc.1",
    "0.9",
    "10.0",
  ],
  gentoo: ["1.0_alpha", "1.0_beta1", "1.0_rc2", "1.0", "1.0-r1", "1.0_p1", "1.0a", "1.0.0", "1.01", "1.1"],
  openssl: [
    "0.9.7-beta1",
    "0.9.7",
    "0.9.7a",
    "0.9.8zh",
    "1.0.2",
    "1.0.2k",
    "1.0.2zc-dev",
    "1.0.2zd",
    "3.0.0-alpha1",
    "3.0.0",
  ],
  composer: ["1.0-dev", "1.0a1", "1.0b1", "1.0RC1", "1.0", "1.0pl1", "v1.0.1", "1.25.0-beta2.1", "dev-foo", "2.0"],
  gem: ["1.0.a", "1.0.a.1", "1.0.a10", "1.0.b1", "1.0-rc1", "1.0.pre", "1.0", "1.0.0.1", "1.1", "0.9"],
  npm: ["0.0.0-0", "1.0.0-alpha", "1.0.0", "v1.0.1", "=1.0.2", "1.2.3-beta.2", "2.0.0", "10.0.0"],
  // Every sample has a release: pacman's order is not total when some lack one (docs/adr/0010).
  alpm: ["1.0alpha-1", "1.0-1", "1.0-2", "1.0.1-1", "1.0a-1", "1:0.1-1", "2.0-1", "10-1"],
  conan: ["1.0.0-pre", "1.0.0", "1.0.1", "1.2", "1.10", "2.0.0", "1.0.0+build"],
  generic: [
    "2.0-rc1",
    "2.0",
    "2.0a",
    "2.0 build 7",
    "2.0.1",
    "V2.1.0 build 180412",
    "4.14.167",
    "1.0.2k",
    "v10",
    "10.0",
  ],
};

function sign(value: number): number {
  return Math.sign(value);
}

describe("every registered scheme", () => {
  it("has samples here, so the laws below cover it", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(versionSchemeNames());
  });

  for (const [name, samples] of Object.entries(SAMPLES)) {
    const scheme = getVersionScheme(name) as VersionScheme;
    const parsed = samples.map((sample) => scheme.parse(sample));
    const index = fc.nat({ max: parsed.length - 1 });
    const at = (position: number) => parsed[position];

    it(`${name}: compare is reflexive, antisymmetric and transitive`, () => {
      fc.assert(
        fc.property(index, index, index, (i, j, k) => {
          const [a, b, c] = [at(i), at(j), at(k)];
          expect(scheme.compare(a, a)).toBe(0);
          expect(sign(scheme.compare(a, b)) + sign(scheme.compare(b, a))).toBe(0);
          if (scheme.compare(a, b) <= 0 && scheme.compare(b, c) <= 0)
            expect(scheme.compare(a, c)).toBeLessThanOrEqual(0);
        }),
        { numRuns: 500 },
      );
    });

    it(`${name}: parsing is pure (same input, same order)`, () => {
      for (const sample of samples) expect(scheme.compare(scheme.parse(sample), scheme.parse(sample))).toBe(0);
    });
  }

  it("reject junk with InvalidVersionError, an InputError naming scheme and version", () => {
    for (const name of versionSchemeNames()) {
      const scheme = getVersionScheme(name) as VersionScheme;
      try {
        scheme.parse("not a version!");
        expect.unreachable(name);
      } catch (error) {
        expect(error, name).toBeInstanceOf(InvalidVersionError);
        expect(error).toBeInstanceOf(InputError);
        expect((error as InvalidVersionError).version).toBe("not a version!");
      }
    }
  });
});

function sorted<P>(scheme: VersionScheme<P>, versions: readonly string[]): string[] {
  return [...versions].sort((a, b) => scheme.compare(scheme.parse(a), scheme.parse(b)));
}

describe("semverScheme", () => {
  it("accepts one leading v (Go) and surrounding whitespace, nothing looser", () => {
    expect(semverScheme.parse("v1.2.3")).toMatchObject({ major: 1, minor: 2, patch: 3 });
    expect(semverScheme.parse(" 1.2.3 ")).toMatchObject({ major: 1, minor: 2, patch: 3 });
    for (const loose of [
      "vv1.2.3",
      "=1.2.3",
      "1.2",
      "01.2.3",
      "1.2.3-01",
      "1.2.3-",
      "1.2.3+",
      "9007199254740992.0.0",
    ]) {
      expect(() => semverScheme.parse(loose), loose).toThrow(InvalidVersionError);
    }
  });

  it("orders Go pseudo-versions before the release they precede", () => {
    expect(sorted(semverScheme, ["v0.1.0", "v0.0.0-20200220183623-bac4c82f6975", "v0.0.1"])).toEqual([
      "v0.0.0-20200220183623-bac4c82f6975",
      "v0.0.1",
      "v0.1.0",
    ]);
  });
});

describe("apkScheme", () => {
  it("matches apk's fuzzy ~ operator by prefix", () => {
    expect(apkFuzzyMatches(apkScheme.parse("3.6.9"), apkScheme.parse("3.6"))).toBe(true);
    expect(apkFuzzyMatches(apkScheme.parse("3.8"), apkScheme.parse("3.8.1"))).toBe(false);
  });

  it("answers apk vertest questions on raw strings, invalid versions included", () => {
    expect(apkVersionTextMatches("1.0", "<", "1.0bc")).toBe(true);
    expect(apkVersionTextMatches("3.5", "<~", "3.6")).toBe(true);
    expect(apkVersionTextMatches("3.6.0", "!~", "3.8")).toBe(true);
    expect(() => apkVersionTextMatches("1", "?", "2")).toThrow(InvalidVersionError);
  });
});

describe("pypiScheme", () => {
  it("orders the PEP 440 summary example", () => {
    const pep440 = [
      "1.0.dev456",
      "1.0a1",
      "1.0a2.dev456",
      "1.0a12.dev456",
      "1.0a12",
      "1.0b1.dev456",
      "1.0b2",
      "1.0b2.post345.dev456",
      "1.0b2.post345",
      "1.0rc1.dev456",
      "1.0rc1",
      "1.0",
      "1.0+abc.5",
      "1.0+abc.7",
      "1.0+5",
      "1.0.post456.dev34",
      "1.0.post456",
      "1.0.15",
      "1.1.dev1",
    ];
    expect(sorted(pypiScheme, [...pep440].reverse())).toEqual(pep440);
  });

  it("normalises spellings PEP 440 declares equal", () => {
    for (const [a, b] of [
      ["1.0", "1.0.0"],
      ["1.0-a1", "1.0a1"],
      ["1.0c1", "1.0rc1"],
      ["1.0.POST", "1.0.post0"],
      ["v1.0", "1.0"],
    ]) {
      expect(pypiScheme.compare(pypiScheme.parse(a as string), pypiScheme.parse(b as string)), `${a} = ${b}`).toBe(0);
    }
  });
});

describe("mavenScheme, nugetScheme, gentooScheme", () => {
  it("maven: qualifiers order alpha < beta < milestone < rc < snapshot < release < sp, aliases equal", () => {
    expect(sorted(mavenScheme, ["1-sp", "1", "1-SNAPSHOT", "1-rc", "1-m1", "1-beta", "1-a1"])).toEqual([
      "1-a1",
      "1-beta",
      "1-m1",
      "1-rc",
      "1-SNAPSHOT",
      "1",
      "1-sp",
    ]);
    expect(mavenScheme.compare(mavenScheme.parse("1.0.0.Final"), mavenScheme.parse("1"))).toBe(0);
    expect(mavenScheme.compare(mavenScheme.parse("1-cr1"), mavenScheme.parse("1-rc1"))).toBe(0);
  });

  it("nuget: four numbers, case-insensitive labels, metadata ignored", () => {
    expect(nugetScheme.compare(nugetScheme.parse("1.0"), nugetScheme.parse("1.0.0.0+abc"))).toBe(0);
    expect(nugetScheme.compare(nugetScheme.parse("1.0.0-BETA"), nugetScheme.parse("1.0.0-beta"))).toBe(0);
    expect(sorted(nugetScheme, ["1.0.0", "1.0.0-beta.2", "1.0.0-beta.10", "1.0.0-beta"])).toEqual([
      "1.0.0-beta",
      "1.0.0-beta.2",
      "1.0.0-beta.10",
      "1.0.0",
    ]);
  });

  it("gentoo: -r0 equals no revision, _p is newer, other suffixes older", () => {
    expect(gentooScheme.compare(gentooScheme.parse("1.0-r0"), gentooScheme.parse("1.0"))).toBe(0);
    expect(sorted(gentooScheme, ["1.0_p1", "1.0", "1.0_rc1", "1.0_rc1_p1"])).toEqual([
      "1.0_rc1",
      "1.0_rc1_p1",
      "1.0",
      "1.0_p1",
    ]);
  });
});

describe("opensslScheme", () => {
  it("orders letter releases after their base and beyond z", () => {
    expect(sorted(opensslScheme, ["1.0.2za", "1.0.2", "1.0.2k", "1.0.2z", "1.0.1u", "0.9.8zh"])).toEqual([
      "0.9.8zh",
      "1.0.1u",
      "1.0.2",
      "1.0.2k",
      "1.0.2z",
      "1.0.2za",
    ]);
  });

  it("rejects what is not an OpenSSL release", () => {
    for (const version of ["1.0", "1.0.2K", "1.0.2-foo", "OpenSSL_1_0_2k"]) {
      expect(() => opensslScheme.parse(version), version).toThrow(InvalidVersionError);
    }
  });
});

describe("gemScheme and composerScheme", () => {
  it("gem: letters make pre-releases, `-` means `.pre.`, trailing zeros do not count", () => {
    expect(sorted(gemScheme, ["1.0", "1.0.a10", "1.0.a2", "1.0-rc1", "1.0.1"])).toEqual([
      "1.0.a2",
      "1.0.a10",
      "1.0-rc1",
      "1.0",
      "1.0.1",
    ]);
    expect(gemScheme.compare(gemScheme.parse("1.0.a"), gemScheme.parse("1.0.0.a"))).toBe(0);
    expect(() => gemScheme.parse("1..0")).toThrow(InvalidVersionError);
  });

  it("composer: PHP's special forms order dev < alpha < beta < RC < release < pl", () => {
    expect(sorted(composerScheme, ["1.0pl1", "1.0", "1.0RC1", "1.0b1", "1.0a1", "1.0-dev"])).toEqual([
      "1.0-dev",
      "1.0a1",
      "1.0b1",
      "1.0RC1",
      "1.0",
      "1.0pl1",
    ]);
    expect(composerScheme.compare(composerScheme.parse("v1.0"), composerScheme.parse("1.0"))).toBe(0);
  });
});

describe("genericScheme", () => {
  it("orders firmware versions as documented", () => {
    expect(sorted(genericScheme, ["2.0.1", "2.0 build 7", "2.0a", "2.0", "2.0-rc1", "2.0-beta"])).toEqual([
      "2.0-beta",
      "2.0-rc1",
      "2.0",
      "2.0a",
      "2.0 build 7",
      "2.0.1",
    ]);
    expect(
      genericScheme.compare(genericScheme.parse("V2.1.0 build 180412"), genericScheme.parse("v2.1.0 Build 180412")),
    ).toBe(0);
    expect(sorted(genericScheme, ["4.14.167", "4.9.200", "5.4"])).toEqual(["4.9.200", "4.14.167", "5.4"]);
  });

  it("rejects strings without digits or with other characters", () => {
    for (const version of ["", "latest", "1.0/2", "1.0 (beta)", "ä1"]) {
      expect(() => genericScheme.parse(version), version).toThrow(InvalidVersionError);
    }
  });
});
