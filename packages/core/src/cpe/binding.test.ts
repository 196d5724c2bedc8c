import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/app-error.js";
import { bindToFormattedString, bindToUri, parseCpe, unbindFormattedString, unbindUri } from "./binding.js";
import { CPE_ANY, CPE_NA, CpeError, createWfn, WFN_ATTRIBUTES, type Wfn } from "./wfn.js";

describe("formatted strings", () => {
  it("unbind with quoting added to punctuation and bind back to the same string", () => {
    const fs = "cpe:2.3:a:openssl:openssl:1.1.1w:-:*:*:*:*:*:*";
    const wfn = unbindFormattedString(fs);
    expect(wfn.version).toBe("1\\.1\\.1w");
    expect(wfn.update).toBe(CPE_NA);
    expect(wfn.edition).toBe(CPE_ANY);
    expect(bindToFormattedString(wfn)).toBe(fs);
  });

  it("refuse embedded wildcards, wrong component counts and empty components", () => {
    expect(() => unbindFormattedString("cpe:2.3:a:ope*nssl:openssl:*:*:*:*:*:*:*:*")).toThrow(CpeError);
    expect(() => unbindFormattedString("cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*")).toThrow(/11 components/);
    expect(() => unbindFormattedString("cpe:2.3:a:openssl::*:*:*:*:*:*:*:*")).toThrow(/empty component/);
  });

  it("raise CpeError, an InputError, carrying the whole name", () => {
    try {
      unbindFormattedString("cpe:2.3:x:a:b:*:*:*:*:*:*:*:*");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as CpeError).cpe).toBe("cpe:2.3:x:a:b:*:*:*:*:*:*:*:*");
    }
  });
});

describe("URIs", () => {
  it("pack the 2.3-only attributes into edition and unpack them again", () => {
    const wfn = createWfn({ part: "a", vendor: "hp", product: "insight", sw_edition: "online", target_hw: "x64" });
    const uri = bindToUri(wfn);
    expect(uri).toBe("cpe:/a:hp:insight:::~~online~~x64~");
    expect(unbindUri(uri)).toEqual(wfn);
  });

  it("lowercase on unbinding and decode percent-encoded punctuation as quoted characters", () => {
    expect(unbindUri("cpe:/A:Microsoft:IE:8.%2a").version).toBe("8\\.\\*");
    expect(unbindUri("cpe:/a:Microsoft").vendor).toBe("microsoft");
  });

  it("refuse illegal percent codes and too many components", () => {
    expect(() => unbindUri("cpe:/a:%99")).toThrow(/legal encoding/);
    expect(() => unbindUri("cpe:/a:b:c:d:e:f:g:h")).toThrow(/at most 7/);
  });
});

describe("parseCpe", () => {
  it("tells the two forms apart by prefix", () => {
    expect(parseCpe("cpe:/o:linux:linux_kernel:5.10")).toEqual(
      parseCpe("cpe:2.3:o:linux:linux_kernel:5.10:*:*:*:*:*:*:*"),
    );
  });
});

const word = fc.stringMatching(/^[a-z0-9_]{1,8}$/);
const quotedPunctuation = fc.constantFrom("\\.", "\\-", "\\!", "\\$", "\\/", "\\:", "\\~", "\\@", "\\\\", "\\*");
const value = fc.oneof(
  fc.constant(CPE_ANY),
  fc.constant(CPE_NA),
  fc
    .tuple(word, fc.array(fc.tuple(quotedPunctuation, word), { maxLength: 3 }))
    .map(([head, rest]) => head + rest.map(([p, w]) => p + w).join("")),
);
const wfns: fc.Arbitrary<Wfn> = fc
  .tuple(fc.constantFrom("a", "o", "h"), fc.array(value, { minLength: 10, maxLength: 10 }))
  .map(([part, values]) =>
    createWfn(Object.fromEntries(WFN_ATTRIBUTES.map((attribute, i) => [attribute, i === 0 ? part : values[i - 1]]))),
  );

describe("round trips", () => {
  it("unbind(bind(wfn)) is wfn for formatted strings", () => {
    fc.assert(
      fc.property(wfns, (wfn) => {
        expect(unbindFormattedString(bindToFormattedString(wfn))).toEqual(wfn);
      }),
    );
  });

  it("unbind(bind(wfn)) is wfn for URIs", () => {
    fc.assert(
      fc.property(wfns, (wfn) => {
        expect(unbindUri(bindToUri(wfn))).toEqual(wfn);
      }),
    );
  });
});
