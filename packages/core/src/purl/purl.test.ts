import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/app-error.js";
import {
  buildPackageUrl,
  canonicalizePurl,
  encodePurlComponent,
  formatPackageUrl,
  PurlError,
  parsePackageUrl,
} from "./purl.js";

describe("parsePackageUrl", () => {
  it("splits a PURL into decoded, type-normalised components", () => {
    expect(parsePackageUrl("pkg:deb/Debian/CURL@7.50.3-1%2Bb1?arch=i386&distro=jessie")).toEqual({
      type: "deb",
      namespace: "debian",
      name: "curl",
      version: "7.50.3-1+b1",
      qualifiers: { arch: "i386", distro: "jessie" },
      subpath: null,
    });
  });

  it("lowercases and dashes PyPI names but keeps their dots", () => {
    expect(parsePackageUrl("pkg:PYPI/Zope_Interface.Foo@1.0").name).toBe("zope-interface.foo");
  });

  it("gives a git PURL the host as namespace and the whole repository path as name", () => {
    const purl = parsePackageUrl("pkg:git/codeberg.org/forgejo/forgejo@a72d2c0");
    expect([purl.namespace, purl.name]).toEqual(["codeberg.org", "forgejo/forgejo"]);
    expect(formatPackageUrl(purl)).toBe("pkg:git/codeberg.org/forgejo/forgejo@a72d2c0");
  });

  it("drops empty, '.' and '..' subpath segments so a subpath cannot climb out", () => {
    expect(parsePackageUrl("pkg:golang/google.golang.org/genproto#/a/%2E%2E/b/./").subpath).toBe("a/b");
  });

  it("accepts type-rule breaches and upper-case qualifier keys by default but refuses them when strict", () => {
    expect(parsePackageUrl("pkg:deb/curl@7.50.3-1").namespace).toBeNull();
    expect(() => parsePackageUrl("pkg:deb/curl@7.50.3-1", { strict: true })).toThrow(/namespace is required/);
    expect(parsePackageUrl("pkg:rpm/fedora/curl@7.50.3?Arch=i386").qualifiers).toEqual({ arch: "i386" });
    expect(() => parsePackageUrl("pkg:rpm/fedora/curl@7.50.3?Arch=i386", { strict: true })).toThrow(/lower case/);
    expect(() => parsePackageUrl("pkg:julia/Dates", { strict: true })).toThrow(/"uuid" is required/);
  });

  it("throws a PurlError, which is an InputError, naming the input", () => {
    const error = (() => {
      try {
        parsePackageUrl("not-a-purl");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(PurlError);
    expect(error).toBeInstanceOf(InputError);
    expect((error as PurlError).purl).toBe("not-a-purl");
    expect((error as PurlError).code).toBe("invalid_input");
  });

  it("refuses a PURL whose name is empty", () => {
    expect(() => parsePackageUrl("pkg:vcpkg/@1.0.8")).toThrow(/name is empty/);
  });
});

describe("formatPackageUrl", () => {
  it("encodes the ECMA-427 way: ':' bare, '+', '/', '@' and ',' encoded, qualifiers sorted", () => {
    expect(canonicalizePurl("pkg:generic/openssl@1:1.1+b1?download_url=https://x.org/a,b&checksum=sha256:ab")).toBe(
      "pkg:generic/openssl@1:1.1%2Bb1?checksum=sha256:ab&download_url=https:%2F%2Fx.org%2Fa%2Cb",
    );
    expect(canonicalizePurl("pkg:npm/%40babel/core@7.0.0")).toBe("pkg:npm/%40babel/core@7.0.0");
  });

  it("percent-encodes the characters encodeURIComponent leaves alone", () => {
    expect(encodePurlComponent("a!b'c(d)e*f g")).toBe("a%21b%27c%28d%29e%2Af%20g");
  });

  it("is a fixed point: formatting a parsed canonical PURL gives it back", () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9._~+@: -]{1,12}$/).filter((s) => s.trim() !== "");
    fc.assert(
      fc.property(segment, segment, fc.option(segment, { nil: null }), (namespace, name, version) => {
        const canonical = formatPackageUrl(buildPackageUrl({ type: "generic", namespace, name, version }));
        expect(canonicalizePurl(canonical)).toBe(canonical);
      }),
    );
  });
});

describe("buildPackageUrl", () => {
  it("normalises parts and enforces the type definition", () => {
    expect(formatPackageUrl(buildPackageUrl({ type: "BREW", name: "SQLite", version: "3.43.2" }))).toBe(
      "pkg:brew/sqlite@3.43.2",
    );
    expect(() => buildPackageUrl({ type: "otp", namespace: "x", name: "hex" })).toThrow(/namespace is not allowed/);
  });
});
