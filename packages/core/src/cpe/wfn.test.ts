import { describe, expect, it } from "vitest";
import { CPE_ANY, CPE_NA, CpeError, createWfn, formatWfn, validateWfnString, withWfnAttribute } from "./wfn.js";

describe("validateWfnString", () => {
  it("accepts quoted punctuation and wildcards at either end", () => {
    for (const value of ["foo", "8\\.0\\.6001", "*soft", "micro??", "?", "*foo*", "\\$0\\.99"]) {
      expect(validateWfnString(value)).toBe(value);
    }
  });

  it("refuses unquoted punctuation, embedded wildcards and values that mean ANY or NA", () => {
    for (const value of ["", "*", "\\-", "foo.bar", "foo*bar", "??foo?bar", "**foo", "foo\\", "*?"]) {
      expect(() => validateWfnString(value)).toThrow(CpeError);
    }
  });
});

describe("createWfn", () => {
  it("fills unspecified attributes with ANY", () => {
    const wfn = createWfn({ part: "o", vendor: "linux", version: CPE_NA });
    expect(wfn.product).toBe(CPE_ANY);
    expect(wfn.version).toBe(CPE_NA);
  });

  it("refuses unknown attributes, non-strings, an NA part and a part outside a/o/h", () => {
    expect(() => createWfn({ colour: "red" })).toThrow(/not a WFN attribute/);
    expect(() => createWfn({ vendor: 1 })).toThrow(/not a string/);
    expect(() => createWfn({ part: CPE_NA })).toThrow(/part cannot be NA/);
    expect(() => withWfnAttribute(createWfn({}), "part", "i")).toThrow(/part must be/);
  });
});

describe("formatWfn", () => {
  it("writes every attribute in NISTIR 7695 order", () => {
    expect(formatWfn(createWfn({ part: "a", vendor: "microsoft" }))).toBe(
      'wfn:[part="a", vendor="microsoft", product=ANY, version=ANY, update=ANY, edition=ANY, language=ANY, sw_edition=ANY, target_sw=ANY, target_hw=ANY, other=ANY]',
    );
  });
});
