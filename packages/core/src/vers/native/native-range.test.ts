import { describe, expect, it } from "vitest";
import { formatVers, NativeRangeError, UnsupportedNativeRangeError, versFromNative } from "../index.js";
import { EmptyNativeRangeError } from "./interval-union.js";

/** The canonical vers string for a native range. */
const vers = (type: string, native: string): string => formatVers(versFromNative(type, native));

describe("npm ranges (read by node-semver)", () => {
  it.each([
    [">=4.1.0", "vers:npm/>=4.1.0"],
    ["^1.2.3", "vers:npm/>=1.2.3|<2.0.0"],
    ["^0.2.1-beta", "vers:npm/>=0.2.1-beta|<0.3.0"],
    ["~1.6.5 || >=1.7.2", "vers:npm/>=1.6.5|<1.7.0|>=1.7.2"],
    ["1.2.x", "vers:npm/>=1.2.0|<1.3.0"],
    ["5.0.0 - 7.2.3", "vers:npm/>=5.0.0|<=7.2.3"],
    ["*", "vers:npm/*"],
    [">=0", "vers:npm/>=0.0.0"],
    ["=3.0.0-rc.1", "vers:npm/3.0.0-rc.1"],
    ["<=1.0", "vers:npm/<1.1.0"],
  ])("%s → %s", (native, expected) => {
    expect(vers("npm", native)).toBe(expected);
  });

  it("unites overlapping alternatives instead of concatenating them", () => {
    expect(vers("npm", "^3.0.16 || ^3.1.6 || ^4.0.8")).toBe("vers:npm/>=3.0.16|<4.0.0|>=4.0.8|<5.0.0");
  });

  it("keeps node-semver's pre-release floor where the range names a pre-release of that release", () => {
    expect(vers("npm", "^4.0.8 || ^5.0.0-beta.5")).toBe("vers:npm/>=4.0.8|<5.0.0-0|>=5.0.0-beta.5|<6.0.0");
  });

  it("writes a single excluded version as != rather than two constraints on one version", () => {
    expect(vers("npm", "<1.6.12 || >1.6.12 <2.0.8")).toBe("vers:npm/!=1.6.12|<2.0.8");
  });

  it("refuses a range that matches nothing", () => {
    expect(() => vers("npm", "1.1.2 1.2.2")).toThrow(EmptyNativeRangeError);
  });

  it("refuses text node-semver cannot read", () => {
    expect(() => vers("npm", ">>1.0")).toThrow(NativeRangeError);
  });
});

describe("PyPI specifiers", () => {
  it.each([
    [">= 1.0", "vers:pypi/>=1.0"],
    ["!=5", "vers:pypi/!=5"],
    [">=1.9.0alpha,<1.9.10||<1.8.15", "vers:pypi/<1.8.15|>=1.9.0a0|<1.9.10"],
    ["~=2.2", "vers:pypi/>=2.2|<3.dev0"],
    ["==1.4.*", "vers:pypi/>=1.4.dev0|<1.5.dev0"],
    [">=1.0,!=1.5,<2.0", "vers:pypi/>=1.0|!=1.5|<2.0"],
  ])("%s → %s", (native, expected) => {
    expect(vers("pypi", native)).toBe(expected);
  });

  it("ignores a stray trailing || as GitLab writes it", () => {
    expect(vers("pypi", "<2015.8.13||")).toBe("vers:pypi/<2015.8.13");
  });
});

describe("Maven and NuGet interval notation", () => {
  it.each([
    ["maven", "[1.0,2.0)", "vers:maven/>=1.0|<2.0"],
    ["maven", "(,1.0],[1.2,)", "vers:maven/<=1.0|>=1.2"],
    ["maven", "[1.5]", "vers:maven/1.5"],
    ["maven", "1.5", "vers:maven/1.5"],
    ["nuget", "[1.0.0, 2.0.0)", "vers:nuget/>=1.0.0|<2.0.0"],
    ["nuget", "1.0.0", "vers:nuget/>=1.0.0"],
    ["nuget", "(1.0.0,)", "vers:nuget/>1.0.0"],
  ])("%s %s → %s", (type, native, expected) => {
    expect(vers(type, native)).toBe(expected);
  });

  it("rejects unbalanced brackets", () => {
    expect(() => vers("maven", "[1.0,2.0")).toThrow(NativeRangeError);
  });
});

describe("Go ranges as advisories write them", () => {
  it.each([
    ["<v1.3.7", "vers:golang/<1.3.7"],
    [">=v1.12.0 <=v1.12.6 || >=v1.13.0 <v1.13.4", "vers:golang/>=1.12.0|<=1.12.6|>=1.13.0|<1.13.4"],
    ["=v3.11 || >=v4.0", "vers:golang/3.11.0|>=4.0.0"],
    ["<=v0.0.0-20201203163018-be400aefbc4c", "vers:golang/<=0.0.0-20201203163018-be400aefbc4c"],
  ])("%s → %s", (native, expected) => {
    expect(vers("golang", native)).toBe(expected);
  });
});

describe("nginx and OpenSSL advisory lists", () => {
  it.each([
    ["nginx", "0.8.40+", "vers:nginx/>=0.8.40|<0.9.0"],
    ["nginx", "1.21.0+", "vers:nginx/>=1.21.0"],
    ["nginx", "0.7.52-0.8.39", "vers:nginx/>=0.7.52|<=0.8.39"],
    ["nginx", "all", "vers:nginx/*"],
    ["openssl", "3.0.0, 1.0.1b", "vers:openssl/1.0.1b|3.0.0"],
  ])("%s %s → %s", (type, native, expected) => {
    expect(vers(type, native)).toBe(expected);
  });
});

describe("RubyGems requirements", () => {
  it.each([
    ["~>2.0.8", "vers:gem/>=2.0.8|<2.1"],
    ["~> 2", "vers:gem/>=2|<3"],
    [">= 1.0, != 1.5, < 3", "vers:gem/>=1.0|!=1.5|<3"],
  ])("%s → %s", (native, expected) => {
    expect(vers("gem", native)).toBe(expected);
  });
});

describe("Composer constraints", () => {
  it.each([
    [">=2.2.0,<2.6.2", "vers:composer/>=2.2.0|<2.6.2"],
    ["^1.2.3", "vers:composer/>=1.2.3|<2.0.0"],
    ["~1.2", "vers:composer/>=1.2.0|<2.0.0"],
    [">=v5.2.45,<v5.4.22", "vers:composer/>=5.2.45|<5.4.22"],
  ])("%s → %s", (native, expected) => {
    expect(vers("composer", native)).toBe(expected);
  });
});

describe("Conan ranges", () => {
  it.each([
    [">1 <2.0 || ^3.2", "vers:conan/>1|<2.0|>=3.2|<4-"],
    ["~2.5.1", "vers:conan/>=2.5.1|<2.6-"],
    ["~1.1.2-", "vers:conan/>=1.1.2|<1.2-"],
    ["[*, include_prerelease]", "vers:conan/>=0.0.0"],
  ])("%s → %s", (native, expected) => {
    expect(vers("conan", native)).toBe(expected);
  });
});

describe("Debian relations and RPM constraints", () => {
  it.each([
    ["deb", ">= 1:1.1.4, << 1:2.0", "vers:deb/>=1:1.1.4|<1:2.0"],
    ["deb", ">= 1:1.1.4, << 2.0", "empty: epoch 1 sorts after every epoch-0 version"],
    ["deb", "(>> 2:1.1.24~)", "vers:deb/>2:1.1.24~"],
    ["deb", "< 2.24", "vers:deb/<=2.24"],
    ["rpm", ">= 2.8.16, < 3", "vers:rpm/>=2.8.16|<3"],
    ["rpm", "= 5.0", "vers:rpm/5.0"],
  ])("%s %s → %s", (type, native, expected) => {
    if (expected.startsWith("empty")) expect(() => vers(type, native)).toThrow(EmptyNativeRangeError);
    else expect(vers(type, native)).toBe(expected);
  });
});

describe("versFromNative", () => {
  it("says when a type has no native converter", () => {
    expect(() => versFromNative("cpan", ">= 1.2, < 2")).toThrow(UnsupportedNativeRangeError);
  });
});
