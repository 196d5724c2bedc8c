import { describe, expect, it } from "vitest";
import { parseCpe } from "./binding.js";
import {
  AmbiguousCpeMatchError,
  compareCpeAttribute,
  cpeMatches,
  cpeNameRelation,
  isAmbiguousMatch,
  isCpeDisjoint,
} from "./matching.js";
import { CPE_ANY, CPE_NA } from "./wfn.js";

describe("compareCpeAttribute", () => {
  it("follows NISTIR 7696 Table 6-2 for logical values", () => {
    expect(compareCpeAttribute(CPE_ANY, "openssl")).toBe("SUPERSET");
    expect(compareCpeAttribute("openssl", CPE_ANY)).toBe("SUBSET");
    expect(compareCpeAttribute(CPE_NA, "openssl")).toBe("DISJOINT");
    expect(compareCpeAttribute(CPE_NA, CPE_NA)).toBe("EQUAL");
  });

  it("ignores case and honours leading and trailing wildcards in the source only", () => {
    expect(compareCpeAttribute("OpenSSL", "openssl")).toBe("EQUAL");
    expect(compareCpeAttribute("1\\.1\\.*", "1\\.1\\.1w")).toBe("SUPERSET");
    expect(compareCpeAttribute("1\\.?", "1\\.10")).toBe("DISJOINT");
    expect(compareCpeAttribute("openssl", "open*")).toBe("UNDEFINED");
  });
});

describe("name relations", () => {
  const advisory = parseCpe("cpe:2.3:a:openssl:openssl:1.1.1*:*:*:*:*:*:*:*");
  const device = parseCpe("cpe:2.3:a:openssl:openssl:1.1.1w:*:*:*:*:*:*:*");

  it("finds an advisory pattern a superset of the device's exact name", () => {
    expect(cpeNameRelation(advisory, device)).toBe("SUPERSET");
    expect(cpeNameRelation(device, advisory)).toBe("UNDEFINED");
    expect(cpeMatches(advisory, device)).toBe(true);
  });

  it("calls names with different vendors disjoint", () => {
    expect(isCpeDisjoint(parseCpe("cpe:/a:ruby-lang:openssl"), parseCpe("cpe:/a:openssl:openssl"))).toBe(true);
  });
});

describe("ambiguous-match guard", () => {
  const anyVendor = parseCpe("cpe:2.3:a:*:busybox:1.36.1:*:*:*:*:*:*:*");
  const anyProduct = parseCpe("cpe:2.3:a:busybox:*:1.36.1:*:*:*:*:*:*:*");

  it("spots one side leaving the vendor open and the other the product, in either order", () => {
    expect(isAmbiguousMatch(anyVendor, anyProduct)).toBe(true);
    expect(isAmbiguousMatch(anyProduct, anyVendor)).toBe(true);
    expect(isAmbiguousMatch(anyVendor, parseCpe("cpe:/a:busybox:busybox:1.36.1"))).toBe(false);
  });

  it("makes cpeMatches refuse rather than guess", () => {
    expect(() => cpeMatches(anyVendor, anyProduct)).toThrow(AmbiguousCpeMatchError);
    expect(() => cpeMatches(parseCpe("cpe:2.3:a:busy*:busybox:*:*:*:*:*:*:*:*"), anyProduct)).toThrow(/ambiguous/);
  });
});
