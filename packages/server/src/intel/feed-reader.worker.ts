import { parentPort, workerData } from "node:worker_threads";
import { localFiles } from "../platform/files.js";
import { readFeedFile } from "./feed-file.js";
import {
  FEED_WORKER_CREDITS,
  type FeedWorkerData,
  type FeedWorkerMessage,
  type FeedWorkerRequest,
  serializeFeedError,
} from "./feed-reader.js";
import { recordFeedSource } from "./sources/registry.js";

/*
 * A feed reader thread (feed-reader.ts): reads the files it is sent, one at a time, and posts their
 * batches, waiting for the import to write them when FEED_WORKER_CREDITS are out.
 */
const data = workerData as FeedWorkerData;
const source = recordFeedSource(data.source);
const known = new Set(data.known);
const port = parentPort;
let credits = FEED_WORKER_CREDITS;
let wake: (() => void) | null = null;

function post(message: FeedWorkerMessage): void {
  port?.postMessage(message);
}

async function read(path: string): Promise<void> {
  try {
    const records = await readFeedFile(
      localFiles,
      source,
      path,
      known,
      async (batch) => {
        while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
        credits--;
        post({ type: "batch", path, batch });
      },
      data.maxFeedBytes,
    );
    post({ type: "end", path, records });
  } catch (error) {
    post({ type: "error", error: serializeFeedError(error) });
  }
}

port?.on("message", (message: FeedWorkerRequest) => {
  if (message.type === "ack") {
    credits++;
    const resume = wake;
    wake = null;
    resume?.();
  } else {
    void read(message.path);
  }
});
