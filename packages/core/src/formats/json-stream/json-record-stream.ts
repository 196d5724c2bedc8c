import { InputError } from "../../errors/app-error.js";
import { escapeControlCharacters, MAX_JSON_DEPTH } from "../json-input.js";

/*
 * Reads the records of a large JSON feed as its bytes arrive, never holding the whole document:
 * the objects of the top-level array (`[{…},{…}]`), or of an array under a named member of the
 * top-level object (`{"CVE_Items": […]}`, `{"vulnerabilities": […]}`). Each record's bytes are
 * handed over whole, to be parsed by JSON.parse; the other members of the top-level object (feed
 * headers such as `totalResults`) are kept, bounded, and parsed at the end. A byte scanner rather
 * than a streaming tokenizer (stream-json, @streamparser/json), because those build every token
 * in JavaScript: stream-json read NVD's yearly feeds 9× slower than this and JSON.parse
 * (docs/adr/0027).
 */

/** One record of the streamed array. */
export interface StreamedRecord {
  /** Its position in the array, from 0. */
  readonly index: number;
  /** The member whose array holds it; null for a top-level array. */
  readonly key: string | null;
  /**
   * Its bytes with the whitespace between tokens removed (strings are untouched), valid UTF-8
   * (checked); only valid until the next record. Feeds pretty-printed and compact give the same bytes.
   */
  readonly bytes: Uint8Array;
  /** The same decoded: compact JSON text of one object. */
  readonly text: string;
}

/** What the stream held besides its records. */
export interface StreamedDocument {
  /** The member whose array was streamed; null for a top-level array, or when none was present. */
  readonly streamedKey: string | null;
  /** The other members of the top-level object, parsed; empty for a top-level array. */
  readonly header: Record<string, unknown>;
  /** How many records were streamed. */
  readonly records: number;
}

/** Limits of a record stream. */
export interface RecordStreamOptions {
  /** Members of the top-level object whose array holds the records. */
  readonly recordKeys: readonly string[];
  /** Where the bytes come from, for errors. */
  readonly location: string;
  /** The largest record accepted (default 32 MiB: NVD's largest CVE, 4,891 CPE matches, is about 1 MB). */
  readonly maxRecordBytes?: number;
  /** The most bytes the other members may hold together (default 32 MiB: a single-record file is all header). */
  readonly maxHeaderBytes?: number;
  /** The deepest nesting accepted (default MAX_JSON_DEPTH). */
  readonly maxDepth?: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

const OPENING_BRACE = new Uint8Array([OPEN_OBJECT]);

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * A push parser of one document: `push` each chunk of bytes as it arrives (records are handed to
 * `onRecord` as they complete), then `end`. Errors are InputErrors naming the location and the
 * record (`CVE_Items[12]`).
 */
export class JsonRecordStream {
  private readonly maxRecordBytes: number;
  private readonly maxHeaderBytes: number;
  private readonly maxDepth: number;
  private readonly recordKeys: ReadonlySet<string>;

  /** Unconsumed bytes of an open capture (a record or a header member), carried into the next chunk. */
  private carry: Uint8Array | null = null;
  /** Where scanning resumes in the next chunk: 1 when a backslash escaped the chunk's last byte. */
  private resume = 0;
  private offset = 0;
  private depth = 0;
  private inString = false;
  private started = false;
  private finished = false;
  /** The depth of the values of the streamed array: 1 for a top-level array, 2 under a member; 0 when none is open. */
  private arrayDepth = 0;
  /** In the streamed array: whether the next value must be preceded by a comma, and whether one came. */
  private afterValue = false;
  private afterComma = false;
  /** At depth 1 of the top-level object: what comes next. */
  private memberState: "key" | "colon" | "value" | "rest" | "comma" = "key";
  private memberKey = "";
  private readonly seenKeys = new Set<string>();
  /** The open record, compacted as it is scanned (never carried as raw bytes). */
  private out = new Uint8Array(64 * 1024);
  private outLength = 0;
  /** Where the open header capture starts in the current buffer, or -1. */
  private captureStart = -1;
  private captureKind: "record" | "member" | null = null;
  private readonly headerParts: string[] = [];
  private headerBytes = 0;
  private index = 0;
  private streamedKey: string | null = null;

  constructor(
    private readonly options: RecordStreamOptions,
    private readonly onRecord: (record: StreamedRecord) => void,
  ) {
    this.maxRecordBytes = options.maxRecordBytes ?? 32 * 1024 * 1024;
    this.maxHeaderBytes = options.maxHeaderBytes ?? 32 * 1024 * 1024;
    this.maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
    this.recordKeys = new Set(options.recordKeys);
  }

  /** Scan one chunk of the document. */
  push(chunk: Uint8Array): void {
    let buf = chunk;
    let at = this.resume;
    if (this.carry !== null) {
      const joined = new Uint8Array(this.carry.length + chunk.length);
      joined.set(this.carry, 0);
      joined.set(chunk, this.carry.length);
      at += this.carry.length;
      buf = joined;
      this.captureStart = 0;
    }
    this.scan(buf, at, this.offset - (buf.length - chunk.length));
    this.offset += chunk.length;
    if (this.captureKind === "record") {
      if (this.outLength > this.maxRecordBytes) this.tooLargeRecord(this.outLength);
      this.carry = null;
    } else if (this.captureStart >= 0) {
      if (this.headerBytes + buf.length - this.captureStart > this.maxHeaderBytes) this.tooLargeHeader();
      this.carry = buf.slice(this.captureStart);
    } else {
      this.carry = null;
    }
  }

  /** The document is complete: check that it ended properly and return what it held besides the records. */
  end(): StreamedDocument {
    if (!this.started) this.fail("the file holds no JSON value (it is empty or only whitespace)");
    if (!this.finished) {
      const where = this.captureKind === "record" ? ` inside ${this.recordPath(this.index)}` : "";
      this.fail(`the JSON ends early${where}: the file is truncated`);
    }
    let header: Record<string, unknown> = {};
    if (this.headerParts.length > 0) {
      try {
        header = JSON.parse(`{${this.headerParts.join(",")}}`) as Record<string, unknown>;
      } catch (error) {
        this.fail(
          `the members besides the records are not valid JSON: ${escapeControlCharacters((error as Error).message)}`,
        );
      }
    }
    return { streamedKey: this.streamedKey, header, records: this.index };
  }

  /** Scan `buf` from `from`; `base` is the document offset of `buf[0]`, for messages. */
  private scan(buf: Uint8Array, from: number, base: number): void {
    const n = buf.length;
    let at = from;
    this.resume = 0;
    if (this.inString) {
      const end = this.stringEnd(buf, at);
      // A record's string goes on from the chunk's first byte (an escaped one included).
      if (this.captureKind === "record") this.append(buf, 0, Math.min(end + 1, n));
      if (end >= n) {
        this.resume = end - n;
        return;
      }
      at = end;
      this.inString = false;
      this.afterString(buf, at);
      at++;
    }
    while (at < n) {
      if (this.captureKind === "record") {
        at = this.scanRecord(buf, at, base);
        if (this.inString) {
          this.resume = at - n;
          return;
        }
        continue;
      }
      const code = buf[at] as number;
      if (isWhitespace(code)) {
        // Whitespace ends a number, true, false or null that is a member's value.
        if (this.depth === 1 && this.memberState === "rest") this.memberState = "comma";
        at++;
        continue;
      }
      if (this.finished) this.fail(`unexpected text after the end of the JSON document at byte ${base + at}`);
      if (!this.started) {
        at = this.startDocument(buf, at, code);
        continue;
      }
      if (this.arrayDepth > 0 && this.depth === this.arrayDepth) {
        this.betweenRecords(code);
        at++;
        continue;
      }
      if (this.depth === 1) {
        at = this.topLevelMember(buf, at, code, base) + 1;
        if (this.inString) {
          this.resume = at - 1 - n;
          return;
        }
        continue;
      }
      // Inside the value of a header member.
      if (code === QUOTE) {
        at = this.stringEnd(buf, at + 1);
        if (at >= n) {
          this.inString = true;
          this.resume = at - n;
          return;
        }
      } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
        this.checkDepth(++this.depth, base + at);
      } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
        if (--this.depth === 1) this.memberState = "comma";
      }
      at++;
    }
  }

  /**
   * The hot loop: inside a record only strings and brackets matter, and the bytes are copied to
   * the record without the whitespace between tokens. Returns where scanning goes on (past the
   * record's end, or past the chunk with `inString` set when a string runs on).
   */
  private scanRecord(buf: Uint8Array, from: number, base: number): number {
    const n = buf.length;
    const floor = this.arrayDepth;
    const maxDepth = this.maxDepth;
    this.reserve(n - from);
    const out = this.out;
    let length = this.outLength;
    let depth = this.depth;
    let at = from;
    for (; at < n; at++) {
      const code = buf[at] as number;
      if (code === QUOTE) {
        // Copied byte by byte: a subarray per string would cost an allocation for each of millions.
        out[length++] = code;
        for (at++; at < n; at++) {
          const inner = buf[at] as number;
          out[length++] = inner;
          if (inner === QUOTE) break;
          if (inner === BACKSLASH && at + 1 < n) out[length++] = buf[++at] as number;
          else if (inner === BACKSLASH) at++;
        }
        if (at >= n) {
          this.outLength = length;
          this.depth = depth;
          this.inString = true;
          return at;
        }
        continue;
      }
      if (code <= 0x20 && isWhitespace(code)) continue;
      out[length++] = code;
      if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
        if (++depth > maxDepth) this.checkDepth(depth, base + at);
      } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
        if (--depth === floor) {
          this.outLength = length;
          this.depth = depth;
          this.emitRecord();
          return at + 1;
        }
      }
    }
    this.outLength = length;
    this.depth = depth;
    return at;
  }

  /** Room in the record buffer for `more` bytes. */
  private reserve(more: number): void {
    const needed = this.outLength + more;
    if (needed <= this.out.length) return;
    let size = this.out.length * 2;
    while (size < needed) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.out.subarray(0, this.outLength), 0);
    this.out = grown;
  }

  /** Copy `buf[start, end)` to the open record. */
  private append(buf: Uint8Array, start: number, end: number): void {
    this.reserve(end - start);
    this.out.set(buf.subarray(start, end), this.outLength);
    this.outLength += end - start;
  }

  /** The first byte of the document that is not whitespace (or the byte-order mark). */
  private startDocument(buf: Uint8Array, at: number, code: number): number {
    if (code === 0xef && buf[at + 1] === 0xbb && buf[at + 2] === 0xbf) return at + 3;
    this.started = true;
    this.depth = 1;
    if (code === OPEN_ARRAY) this.arrayDepth = 1;
    else if (code !== OPEN_OBJECT) this.fail("the document is neither a JSON object nor an array");
    return at + 1;
  }

  /** A byte between the records of the streamed array: a record's start, a comma or the array's end. */
  private betweenRecords(code: number): void {
    if (code === OPEN_OBJECT) {
      if (this.afterValue && !this.afterComma) this.fail(`a comma is missing before ${this.recordPath(this.index)}`);
      this.captureStart = -1;
      this.captureKind = "record";
      this.outLength = 0;
      this.append(OPENING_BRACE, 0, 1);
      this.depth++;
    } else if (code === COMMA) {
      if (!this.afterValue || this.afterComma) this.fail(`a stray comma before ${this.recordPath(this.index)}`);
      this.afterComma = true;
    } else if (code === CLOSE_ARRAY) {
      if (this.afterComma) this.fail(`a trailing comma after ${this.recordPath(this.index - 1)}`);
      this.arrayDepth = 0;
      this.depth--;
      if (this.depth === 0) this.finished = true;
      else this.memberState = "comma";
    } else {
      this.fail(`${this.recordPath(this.index)} is not a JSON object`);
    }
  }

  /** One byte at depth 1 of the top-level object: names, colons, values, commas. Returns the last byte consumed. */
  private topLevelMember(buf: Uint8Array, at: number, code: number, base: number): number {
    switch (this.memberState) {
      case "key":
        if (code === CLOSE_OBJECT && this.seenKeys.size === 0) return this.closeTopLevel(at);
        if (code !== QUOTE) this.fail(`expected a member name at byte ${base + at}`);
        this.captureStart = at;
        this.captureKind = "member";
        return this.readString(buf, at);
      case "colon":
        if (code !== COLON) this.fail(`expected ":" after "${this.printableKey()}" at byte ${base + at}`);
        this.memberState = "value";
        return at;
      case "value":
        if (code === OPEN_ARRAY && this.recordKeys.has(this.memberKey)) {
          if (this.streamedKey !== null) this.fail(`records under both "${this.streamedKey}" and "${this.memberKey}"`);
          this.streamedKey = this.memberKey;
          // The records are not kept as a header member: the capture ends with the name.
          this.captureStart = -1;
          this.captureKind = null;
          this.arrayDepth = 2;
          this.afterValue = false;
          this.afterComma = false;
          this.depth = 2;
          return at;
        }
        this.memberState = "rest";
        if (code === OPEN_OBJECT || code === OPEN_ARRAY) this.depth = 2;
        else if (code === QUOTE) return this.readString(buf, at);
        // Otherwise a number, true, false or null, running to the next comma or brace.
        return at;
      case "rest":
        // In a number, true, false or null (which may run on into the next chunk).
        if (code === QUOTE)
          this.fail(`expected "," or "}" after the member "${this.printableKey()}" at byte ${base + at}`);
        if (code !== COMMA && code !== CLOSE_OBJECT) return at;
        return this.endMember(buf, at, code);
      case "comma":
        if (code !== COMMA && code !== CLOSE_OBJECT) {
          this.fail(`expected "," or "}" after the member "${this.printableKey()}" at byte ${base + at}`);
        }
        return this.endMember(buf, at, code);
    }
  }

  /** A string at depth 1 opening at `at`: its closing quote, or past the chunk (with `inString` set) when it runs on. */
  private readString(buf: Uint8Array, at: number): number {
    const end = this.stringEnd(buf, at + 1);
    if (end >= buf.length) {
      this.inString = true;
      return end;
    }
    this.afterString(buf, end);
    return end;
  }

  /** A string closed at `end`: at depth 1 a member name, or a member's string value. */
  private afterString(buf: Uint8Array, end: number): void {
    if (this.depth !== 1 || this.arrayDepth !== 0) return;
    if (this.memberState !== "key") {
      this.memberState = "comma";
      return;
    }
    const key = JSON.parse(this.decode(buf.subarray(this.captureStart, end + 1), "a member name")) as string;
    if (this.seenKeys.has(key)) {
      this.fail(`the member "${escapeControlCharacters(key)}" occurs twice; JSON readers disagree on which counts`);
    }
    this.seenKeys.add(key);
    this.memberKey = key;
    this.memberState = "colon";
  }

  /** A comma or the closing brace after a member: keep it (unless it was the records) and go on. */
  private endMember(buf: Uint8Array, at: number, code: number): number {
    if (this.captureKind === "member" && this.captureStart >= 0) {
      this.headerBytes += at - this.captureStart;
      if (this.headerBytes > this.maxHeaderBytes) this.tooLargeHeader();
      this.headerParts.push(this.decode(buf.subarray(this.captureStart, at), `the member "${this.printableKey()}"`));
    }
    this.captureStart = -1;
    this.captureKind = null;
    this.memberState = "key";
    return code === CLOSE_OBJECT ? this.closeTopLevel(at) : at;
  }

  private closeTopLevel(at: number): number {
    this.depth = 0;
    this.finished = true;
    return at;
  }

  private emitRecord(): void {
    const bytes = this.out.subarray(0, this.outLength);
    if (bytes.length > this.maxRecordBytes) this.tooLargeRecord(bytes.length);
    const text = this.decode(bytes, this.recordPath(this.index));
    this.onRecord({ index: this.index, key: this.streamedKey, bytes, text });
    this.index++;
    this.captureKind = null;
    this.afterValue = true;
    this.afterComma = false;
    // A record far larger than usual leaves its buffer behind rather than holding it.
    if (this.out.length > 4 * 1024 * 1024) this.out = new Uint8Array(64 * 1024);
  }

  /** The index of the closing quote of a string whose content starts at `at`, or ≥ buf.length when the chunk ends first. */
  private stringEnd(buf: Uint8Array, from: number): number {
    const n = buf.length;
    let at = from;
    for (; at < n; at++) {
      const code = buf[at] as number;
      if (code === QUOTE) return at;
      if (code === BACKSLASH) at++;
    }
    return at;
  }

  private checkDepth(depth: number, offset: number): void {
    if (depth > this.maxDepth) {
      this.fail(
        `arrays and objects are nested more than ${this.maxDepth} levels deep at byte ${offset}; fleetpatch reads at most ${this.maxDepth}`,
      );
    }
  }

  private tooLargeRecord(bytes: number): never {
    this.fail(
      `${this.recordPath(this.index)} is more than ${mebibytes(this.maxRecordBytes)} (${mebibytes(bytes)} so far); no record of this feed is that large`,
    );
  }

  private tooLargeHeader(): never {
    this.fail(
      `the members of the document besides its records hold more than ${mebibytes(this.maxHeaderBytes)}; refused`,
    );
  }

  private decode(bytes: Uint8Array, what: string): string {
    try {
      return strictUtf8.decode(bytes);
    } catch {
      this.fail(`${what} holds a byte that is not valid UTF-8; save the file as UTF-8`);
    }
  }

  private recordPath(index: number): string {
    return this.streamedKey === null ? `record [${index}]` : `${this.streamedKey}[${index}]`;
  }

  private printableKey(): string {
    const key = escapeControlCharacters(this.memberKey);
    return key.length > 80 ? `${key.slice(0, 80)}…` : key;
  }

  private fail(message: string): never {
    throw new InputError(message, { location: this.options.location });
  }
}

function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MiB`;
}
