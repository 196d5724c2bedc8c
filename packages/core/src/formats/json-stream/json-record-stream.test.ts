import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../errors/app-error.js";
import { JsonRecordStream, type RecordStreamOptions } from "./json-record-stream.js";

const encoder = new TextEncoder();

/** Stream `bytes` cut at `cuts`, returning the parsed records and what else the document held. */
function streamAll(bytes: Uint8Array, cuts: readonly number[], options: Partial<RecordStreamOptions> = {}) {
  const records: unknown[] = [];
  const stream = new JsonRecordStream(
    { recordKeys: ["CVE_Items", "vulnerabilities"], location: "feed.json", ...options },
    (record) => {
      expect(record.index).toBe(records.length);
      records.push(JSON.parse(record.text));
    },
  );
  let last = 0;
  for (const cut of [...new Set(cuts)].filter((at) => at > 0 && at < bytes.length).sort((a, b) => a - b)) {
    stream.push(bytes.subarray(last, cut));
    last = cut;
  }
  stream.push(bytes.subarray(last));
  return { records, document: stream.end() };
}

function streamText(text: string, options: Partial<RecordStreamOptions> = {}) {
  return streamAll(encoder.encode(text), [], options);
}

function failure(text: string, options: Partial<RecordStreamOptions> = {}): string {
  try {
    streamText(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).location).toBe("feed.json");
    return (error as Error).message;
  }
  throw new Error("the stream accepted the text");
}

const jsonObject = fc.dictionary(fc.string({ unit: "binary" }), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 6 });

describe("JsonRecordStream", () => {
  it("yields every record of a member's array and keeps the other members, however the bytes are cut", () => {
    fc.assert(
      fc.property(
        fc.array(jsonObject, { maxLength: 8 }),
        fc.jsonValue({ maxDepth: 3 }),
        fc.jsonValue({ maxDepth: 3 }),
        fc.constantFrom(undefined, 2, "\t"),
        fc.array(fc.nat(), { maxLength: 12 }),
        (records, before, after, indent, cuts) => {
          const document = { format: before, CVE_Items: records, timestamp: after };
          const text = JSON.stringify(document, null, indent);
          const bytes = encoder.encode(text);
          // What JSON.parse reads back (-0 becomes 0), which is what each record must equal.
          const expected = JSON.parse(text) as typeof document;
          const { records: read, document: rest } = streamAll(
            bytes,
            cuts.map((cut) => cut % (bytes.length + 1)),
          );
          expect(read).toEqual(expected.CVE_Items);
          expect(rest).toEqual({
            streamedKey: "CVE_Items",
            header: { format: expected.format, timestamp: expected.timestamp },
            records: records.length,
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("hands over each record without the whitespace between tokens, so pretty and compact feeds give the same bytes", () => {
    fc.assert(
      fc.property(fc.array(jsonObject, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 }), (records, cuts) => {
        const texts = (indent: number | undefined) => {
          const bytes = encoder.encode(JSON.stringify({ vulnerabilities: records }, null, indent));
          const seen: string[] = [];
          const stream = new JsonRecordStream({ recordKeys: ["vulnerabilities"], location: "page.json" }, (record) =>
            seen.push(record.text),
          );
          let last = 0;
          for (const cut of [...new Set(cuts.map((at) => at % (bytes.length + 1)))].sort((a, b) => a - b)) {
            stream.push(bytes.subarray(last, cut));
            last = cut;
          }
          stream.push(bytes.subarray(last));
          stream.end();
          return seen;
        };
        const compact = records.map((record) => JSON.stringify(record));
        expect(texts(undefined)).toEqual(compact);
        expect(texts(4)).toEqual(compact);
      }),
      { numRuns: 200 },
    );
  });

  it("yields the objects of a top-level array, cut byte by byte", () => {
    const records = [{ id: "a", s: 'quote " and \\ backslash' }, { id: "b", n: [1, { deep: ["x"] }] }, {}];
    const bytes = encoder.encode(JSON.stringify(records, null, 1));
    const { records: read, document } = streamAll(
      bytes,
      Array.from({ length: bytes.length }, (_, at) => at),
    );
    expect(read).toEqual(records);
    expect(document).toEqual({ streamedKey: null, header: {}, records: 3 });
  });

  it("keeps a single-record document whole as its header", () => {
    const { records, document } = streamText(
      '\ufeff{"cve": {"id": "CVE-2021-1"}, "n": 1.5e3, "ok": true, "none": null, "s": "x,}"}',
    );
    expect(records).toEqual([]);
    expect(document.header).toEqual({ cve: { id: "CVE-2021-1" }, n: 1500, ok: true, none: null, s: "x,}" });
    expect(document.streamedKey).toBeNull();
  });

  it("refuses broken structure with the record it is in", () => {
    expect(failure('{"CVE_Items": [{"a": 1}, {"b": ')).toMatch(
      /ends early inside CVE_Items\[1\]: the file is truncated/,
    );
    expect(failure('{"CVE_Items": [{"a": 1}')).toMatch(/ends early/);
    expect(failure('{"CVE_Items": [{"a": 1},]}')).toMatch(/trailing comma after CVE_Items\[0\]/);
    expect(failure('{"CVE_Items": [{"a": 1} {"b": 2}]}')).toMatch(/comma is missing before CVE_Items\[1\]/);
    expect(failure('{"CVE_Items": [,{"a": 1}]}')).toMatch(/stray comma/);
    expect(failure('{"CVE_Items": [{"a": 1}, 7]}')).toMatch(/CVE_Items\[1\] is not a JSON object/);
    expect(failure('{"CVE_Items": [], "CVE_Items": []}')).toMatch(/"CVE_Items" occurs twice/);
    expect(failure('{"CVE_Items": [], "vulnerabilities": []}')).toMatch(/records under both/);
    expect(failure('{"a" 1}')).toMatch(/expected ":" after "a"/);
    expect(failure('{"a": 1 "b": 2}')).toMatch(/expected "," or "}" after the member "a"/);
    expect(failure('{"a": 1,}')).toMatch(/expected a member name/);
    expect(failure('{"a": tru}')).toMatch(/members besides the records are not valid JSON/);
    expect(failure('{"CVE_Items": []} []')).toMatch(/unexpected text after the end/);
    expect(failure("  \n")).toMatch(/holds no JSON value/);
    expect(failure('"text"')).toMatch(/neither a JSON object nor an array/);
  });

  it("refuses deep nesting, oversized records and headers, and bytes that are not UTF-8", () => {
    expect(failure(`{"CVE_Items": [${"[".repeat(40)}${"]".repeat(40)}]}`, { maxDepth: 32 })).toMatch(
      /is not a JSON object/,
    );
    expect(failure(`{"CVE_Items": [{"a": ${"[".repeat(40)}${"]".repeat(40)}}]}`, { maxDepth: 32 })).toMatch(
      /nested more than 32 levels deep at byte \d+/,
    );
    expect(failure(`{"x": ${"[".repeat(40)}${"]".repeat(40)}}`, { maxDepth: 32 })).toMatch(/nested more than 32/);
    expect(failure(`{"CVE_Items": [{"a": "${"x".repeat(2000)}"}]}`, { maxRecordBytes: 1000 })).toMatch(
      /CVE_Items\[0\] is more than 0.00 MiB|CVE_Items\[0\] is more than/,
    );
    expect(failure(`{"note": "${"x".repeat(2000)}"}`, { maxHeaderBytes: 1000 })).toMatch(
      /besides its records hold more than/,
    );
    const bytes = encoder.encode('{"CVE_Items": [{"a": "xx"}]}');
    bytes[22] = 0xff;
    expect(() => streamAll(bytes, [])).toThrow(/CVE_Items\[0\] holds a byte that is not valid UTF-8/);
  });

  it("refuses an oversized record while it is still arriving, without waiting for its end", () => {
    const stream = new JsonRecordStream(
      { recordKeys: ["CVE_Items"], location: "feed.json", maxRecordBytes: 4096 },
      () => {},
    );
    stream.push(encoder.encode('{"CVE_Items": [{"a": "'));
    expect(() => {
      for (let i = 0; i < 10; i++) stream.push(encoder.encode("x".repeat(1000)));
    }).toThrow(/CVE_Items\[0\] is more than/);
  });
});
