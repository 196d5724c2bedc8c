import { createHash } from "node:crypto";
import { InputError, JsonRecordStream, nvdPagePromise, parseJsonText, type StreamedRecord } from "@fleetpatch/core";
import type { FileSource } from "../platform/index.js";
import type { PreparedRecord } from "./source-record.store.js";
import type { RecordFeedSource } from "./sources/source.js";

/** Records of a feed file read so far, handed over to be written. */
export interface FeedBatch {
  readonly records: readonly PreparedRecord[];
  /** Records read in this stretch whose bytes are stored already: skipped unparsed. */
  readonly unchanged: number;
}

/** Records parsed and handed over together: memory holds about one batch per reader. */
export const FEED_BATCH = 2_000;
/** A feed's decompressed size limit: NVD's largest yearly 2.0 feed is about 600 MB, the 1.1 ones 100 MB. */
export const MAX_FEED_BYTES = 4 * 1024 * 1024 * 1024;
/** A file that is one record on its own is read whole, up to this. */
const MAX_SINGLE_RECORD_BYTES = 32 * 1024 * 1024;

function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("base64url");
}

/**
 * Read one feed file record by record: streamed (decompressed when gzip), each record's bytes
 * digested — a digest in `known` is skipped unparsed — and the others parsed by the source,
 * handed to `onBatch` about every FEED_BATCH records. A file without an array of records is one
 * record on its own. Returns how many records the file held; errors name the file and record.
 */
export function readFeedFile(
  files: FileSource,
  source: RecordFeedSource,
  path: string,
  known: ReadonlySet<string>,
  onBatch: (batch: FeedBatch) => Promise<void>,
  maxFeedBytes = MAX_FEED_BYTES,
): Promise<number> {
  return readFeed(
    files.readChunks(path, { gunzip: true, maxBytes: maxFeedBytes }),
    () => files.readText(path, { gunzip: true, maxBytes: MAX_SINGLE_RECORD_BYTES }),
    source,
    path,
    known,
    onBatch,
  );
}

/** The same for a document already in memory (an API page), named `location` in errors. */
export function readFeedBytes(
  bytes: Uint8Array,
  source: RecordFeedSource,
  location: string,
  known: ReadonlySet<string>,
  onBatch: (batch: FeedBatch) => Promise<void>,
): Promise<number> {
  return readFeed(
    [bytes],
    async () => new TextDecoder("utf-8", { fatal: true }).decode(bytes),
    source,
    location,
    known,
    onBatch,
  );
}

async function readFeed(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  readWhole: () => Promise<string>,
  source: RecordFeedSource,
  path: string,
  known: ReadonlySet<string>,
  onBatch: (batch: FeedBatch) => Promise<void>,
): Promise<number> {
  let records: PreparedRecord[] = [];
  let unchanged = 0;
  const handOver = async (): Promise<void> => {
    if (records.length === 0 && unchanged === 0) return;
    const batch = { records, unchanged };
    records = [];
    unchanged = 0;
    await onBatch(batch);
  };
  const stream = new JsonRecordStream({ recordKeys: source.recordKeys, location: path }, (streamed: StreamedRecord) => {
    const digest = sha256(streamed.bytes);
    if (known.has(digest)) {
      unchanged++;
      return;
    }
    const fields = source.prepare(streamed, path) as PreparedRecord & { digest: string; document: string };
    fields.digest = digest;
    fields.document = streamed.text;
    records.push(fields);
  });
  for await (const chunk of chunks) {
    stream.push(chunk);
    if (records.length + unchanged >= FEED_BATCH) await handOver();
  }
  const document = stream.end();
  if (document.streamedKey === null && document.records === 0) {
    // No array of records: the file is one record on its own, read whole and strictly.
    const text = await readWhole();
    const digest = sha256(text);
    if (known.has(digest)) unchanged++;
    else records.push({ ...source.prepareSingle(parseJsonText(text, path), path), digest, document: text });
    await handOver();
    return 1;
  }
  const header = source.checkHeader(document.header, document.streamedKey, path);
  if (header.totalResults !== null) {
    const promised = nvdPagePromise({ ...header, totalResults: header.totalResults }, 0);
    if (document.records < promised) {
      throw new InputError(
        `the page holds ${document.records} records but promised ${promised} (totalResults ${header.totalResults} from startIndex ${header.startIndex ?? 0}): it is incomplete`,
        { location: path },
      );
    }
  }
  await handOver();
  return document.records;
}
