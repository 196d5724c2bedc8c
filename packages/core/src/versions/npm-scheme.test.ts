import { describe, expect, it } from "vitest";
import { getVersionScheme } from "./registry.js";
import { npmScheme, semverScheme } from "./semver-scheme.js";
import { InvalidVersionError } from "./version-scheme.js";

describe("npm version scheme", () => {
  it.each(["=1.2.3", "v 1.2.3", " = 1.2.3", "v=1.2.3"])("reads %j as npm does: 1.2.3", (version) => {
    expect(npmScheme.compare(npmScheme.parse(version), npmScheme.parse("1.2.3"))).toBe(0);
  });
  it("keeps the body strict", () => {
    expect(() => npmScheme.parse("=1.2")).toThrow(InvalidVersionError);
    expect(() => npmScheme.parse("1.02.3")).toThrow(/not a valid npm version/);
  });
  it("is what the registry gives for npm, while semver stays strict", () => {
    expect(getVersionScheme("npm")).toBe(npmScheme);
    expect(() => semverScheme.parse("=1.2.3")).toThrow(InvalidVersionError);
  });
});
