import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { InputError } from "@fleetpatch/core";

/** A request body written to a private temporary file. */
export interface SpooledFile {
  readonly path: string;
  readonly bytes: number;
  /** Remove the file and its folder; safe to call twice. */
  remove(): Promise<void>;
}

/** A body larger than its limit; the HTTP layer answers 413. */
export class PayloadTooLargeError extends InputError {
  readonly statusCode = 413;
}

/**
 * Write a stream to a temporary file without holding it in memory, refusing it once it passes
 * `limit` bytes. Large uploads (a 200 MB SBOM) then cost the server a file and a few buffers, not
 * a parsed copy on the request thread; the job that imports it reads the file.
 */
export async function spoolToFile(stream: NodeJS.ReadableStream, limit: number, label: string): Promise<SpooledFile> {
  const folder = await mkdtemp(join(tmpdir(), "fleetpatch-upload-"));
  const path = join(folder, "body");
  const remove = () => rm(folder, { recursive: true, force: true });
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      bytes += chunk.length;
      if (bytes > limit) {
        callback(new PayloadTooLargeError(`${label} is larger than the limit of ${formatBytes(limit)}`));
        return;
      }
      callback(null, chunk);
    },
  });
  try {
    await pipeline(stream, counter, createWriteStream(path, { mode: 0o600 }));
  } catch (error) {
    await remove();
    if (error instanceof InputError) throw error;
    throw new InputError(`${label} ended before it was complete: ${(error as Error).message}`, { cause: error });
  }
  return { path, bytes, remove };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${bytes} bytes`;
}
