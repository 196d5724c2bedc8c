import { describe, expect, it } from "vitest";
import { distroOf, epochOf, nativeVersion } from "./distro.js";
import { parsePackageUrl } from "./purl.js";

describe("distroOf", () => {
  it("reads codenames, id-release pairs and bare releases alike", () => {
    expect(distroOf(parsePackageUrl("pkg:deb/debian/curl@7.88.1-10?distro=bookworm"))).toEqual({
      id: "debian",
      release: "12",
      codename: "bookworm",
    });
    expect(distroOf(parsePackageUrl("pkg:deb/ubuntu/curl@7.81.0?distro=Ubuntu-22.04"))).toEqual({
      id: "ubuntu",
      release: "22.04",
      codename: null,
    });
    expect(distroOf(parsePackageUrl("pkg:apk/alpine/musl@1.2.4-r2?distro=3.18.4"))).toEqual({
      id: "alpine",
      release: "3.18.4",
      codename: null,
    });
  });

  it("is null without a distro qualifier or for language packages", () => {
    expect(distroOf(parsePackageUrl("pkg:deb/debian/curl@7.88.1-10"))).toBeNull();
    expect(distroOf(parsePackageUrl("pkg:npm/left-pad@1.0.0?distro=bookworm"))).toBeNull();
  });
});

describe("epochOf and nativeVersion", () => {
  it("takes rpm's epoch from the qualifier and folds it into the native version", () => {
    const purl = parsePackageUrl("pkg:rpm/fedora/centerim@4.22.10-1.el6?arch=i686&epoch=1");
    expect(epochOf(purl)).toBe(1);
    expect(nativeVersion(purl)).toBe("1:4.22.10-1.el6");
  });

  it("reads a deb epoch from the version and leaves the version alone", () => {
    const purl = parsePackageUrl("pkg:deb/debian/attr@1:2.4.47-2?arch=source");
    expect(epochOf(purl)).toBe(1);
    expect(nativeVersion(purl)).toBe("1:2.4.47-2");
    expect(epochOf(parsePackageUrl("pkg:deb/debian/curl@7.50.3-1"))).toBe(0);
  });

  it("has no epoch for other types", () => {
    expect(epochOf(parsePackageUrl("pkg:npm/left-pad@1.0.0"))).toBeNull();
  });
});
