import { describe, expect, it } from "vitest";
import { preferredVulnerabilityId } from "./preferred-id.js";

describe("preferred vulnerability id", () => {
  it("prefers the record's own CVE id", () => {
    expect(preferredVulnerabilityId("CVE-2024-3094", ["GHSA-xxxx"])).toBe("CVE-2024-3094");
  });
  it("takes the CVE alias of an advisory", () => {
    expect(preferredVulnerabilityId("RUSTSEC-2023-0034", ["GHSA-f8vr-r385-rh5r", "CVE-2023-26964"])).toBe(
      "CVE-2023-26964",
    );
  });
  it("takes the oldest of several CVE aliases, numerically", () => {
    expect(preferredVulnerabilityId("RUSTSEC-2020-0052", ["CVE-2020-35904", "CVE-2020-15254"])).toBe("CVE-2020-15254");
    expect(preferredVulnerabilityId("X", ["CVE-2021-10000", "CVE-2021-9999"])).toBe("CVE-2021-9999");
  });
  it("keeps the advisory id when there is no CVE", () => {
    expect(preferredVulnerabilityId("GO-2026-5932", [])).toBe("GO-2026-5932");
    expect(preferredVulnerabilityId("RUSTSEC-2024-0003", ["GHSA-8r5v-vm4m-4g25"])).toBe("RUSTSEC-2024-0003");
  });
});
