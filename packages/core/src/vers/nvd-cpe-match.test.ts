import { describe, expect, it } from "vitest";
import { formatVers, NativeRangeError, versFromNvdCpeMatch } from "./index.js";

describe("versFromNvdCpeMatch", () => {
  it("maps start/end including/excluding to >=, >, <=, <", () => {
    expect(
      formatVers(versFromNvdCpeMatch({ versionStartIncluding: "1.1.0", versionEndExcluding: "1.1.1t" }, "openssl")),
    ).toBe("vers:openssl/>=1.1.0|<1.1.1t");
    expect(
      formatVers(versFromNvdCpeMatch({ versionStartExcluding: "2.0", versionEndIncluding: "2.4" }, "generic")),
    ).toBe("vers:generic/>2.0|<=2.4");
  });

  it("uses the CPE's own version when there are no bounds", () => {
    expect(formatVers(versFromNvdCpeMatch({ version: "1.0.2k" }, "openssl"))).toBe("vers:openssl/1.0.2k");
    expect(formatVers(versFromNvdCpeMatch({ version: "*" }, "openssl"))).toBe("vers:openssl/*");
    expect(formatVers(versFromNvdCpeMatch({}, "openssl"))).toBe("vers:openssl/*");
  });

  it("unescapes CPE 2.3 punctuation in the version", () => {
    expect(formatVers(versFromNvdCpeMatch({ version: "2.0\\-rc1" }, "generic"))).toBe("vers:generic/2.0-rc1");
  });

  it('refuses a CPE version of "-" (not applicable) and contradictory bounds', () => {
    expect(() => versFromNvdCpeMatch({ version: "-" }, "generic")).toThrow(NativeRangeError);
    expect(() => versFromNvdCpeMatch({ versionStartIncluding: "1", versionStartExcluding: "1" }, "generic")).toThrow(
      NativeRangeError,
    );
    expect(() => versFromNvdCpeMatch({ versionStartIncluding: "3", versionEndExcluding: "2" }, "generic")).toThrow(
      NativeRangeError,
    );
  });
});
