import { describe, expect, it } from "vitest";
import { packageKey, packageKeyOfOsvPackage, packageKeyString, parsePurl } from "./package-key.js";

describe("packageKey", () => {
  it("gives one key to a PyPI name however its separators and case are spelt", () => {
    const keys = ["Zope.Interface", "zope_interface", "zope-interface"].map((name) =>
      packageKeyString(packageKey("pypi", null, name)),
    );
    expect(new Set(keys)).toEqual(new Set(["pypi//zope-interface"]));
  });

  it("lowercases what the type definition calls case-insensitive and keeps the rest", () => {
    expect(packageKey("DEB", "Debian", "LibSSL3")).toEqual({ type: "deb", namespace: "debian", name: "libssl3" });
    expect(packageKey("maven", "Org.Apache", "Commons")).toEqual({
      type: "maven",
      namespace: "Org.Apache",
      name: "Commons",
    });
  });

  it("keys a git repository the same however the host and path are split", () => {
    expect(packageKey("git", "github.com/acme", "tool")).toEqual(packageKey("git", "github.com", "acme/tool"));
  });
});

describe("parsePurl and packageKeyOfOsvPackage", () => {
  it("meet on the same key for an SBOM PURL and an OSV package", () => {
    const fromSbom = parsePurl("pkg:deb/debian/OpenSSL@3.0.11-1?distro=bookworm");
    const fromOsv = packageKeyOfOsvPackage({ ecosystem: "Debian:12", name: "openssl" });
    expect(fromOsv && packageKeyString(fromOsv)).toBe(packageKeyString(fromSbom));
    expect(fromSbom.canonical).toBe("pkg:deb/debian/openssl@3.0.11-1?distro=bookworm");
  });
});
