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

  it("reads the distribution release of an OS package's distro qualifier, codenames included", () => {
    expect(parsePurl("pkg:deb/debian/openssl@3.0.11-1?distro=bookworm").release).toBe("12");
    expect(parsePurl("pkg:deb/debian/openssl@1.1.1w-0+deb11u1?distro=debian-11").release).toBe("11");
    expect(parsePurl("pkg:apk/alpine/busybox@1.36.1-r5?distro=alpine-3.18.4").release).toBe("3.18");
    expect(parsePurl("pkg:deb/ubuntu/curl@7.81.0-1ubuntu1.15?distro=ubuntu-22.04").release).toBe("22.04");
    expect(parsePurl("pkg:cargo/h2@0.3.15").release).toBeNull();
  });

  it("splits Packagist names into vendor and package, as Composer PURLs do", () => {
    const fromOsv = packageKeyOfOsvPackage({ ecosystem: "Packagist", name: "laravel/framework" });
    expect(fromOsv && packageKeyString(fromOsv)).toBe(
      packageKeyString(parsePurl("pkg:composer/laravel/framework@v7.12.0")),
    );
  });

  it("keys a distribution's namespace aliases as one (syft's rocky, OSV's rocky-linux)", () => {
    const fromOsv = packageKeyOfOsvPackage({ ecosystem: "Rocky Linux:9", name: "openssl" });
    expect(fromOsv && packageKeyString(fromOsv)).toBe(
      packageKeyString(parsePurl("pkg:rpm/rocky/openssl@3.0.7-25.el9_3")),
    );
  });
});
