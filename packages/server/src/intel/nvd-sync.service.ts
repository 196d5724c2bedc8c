import {
  InputError,
  isAppError,
  JsonRecordStream,
  NVD_MAX_RESULTS_PER_PAGE,
  NVD_RECORD_KEYS,
  nvdFeedHeader,
  nvdPagePromise,
  nvdPageUrl,
  nvdRateLimit,
  nvdSyncWindows,
  rateLimitWaitMs,
  retryAfterMs,
  retryDelayMs,
  type SyncWindow,
  UnavailableError,
} from "@fleetpatch/core";
import type { Clock, HttpClient } from "../platform/index.js";
import type { IntelSyncStore, SyncCursor } from "./intel-sync.store.js";
import type { RecordFeedService } from "./record-feed.service.js";
import { nvdSource } from "./sources/nvd/index.js";

/** What a sync did. */
export interface SyncResult {
  readonly source: "nvd";
  readonly windows: number;
  readonly pages: number;
  readonly records: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Requests that failed and were tried again. */
  readonly retries: number;
  /** The instant the source is now synced up to; the next sync asks for changes since then. */
  readonly syncedUntil: string | null;
  /** True when it went on from where an interrupted sync stopped. */
  readonly resumed: boolean;
}

/** One source as `intel status` shows it. */
export interface SourceStatus {
  readonly source: string;
  readonly records: number;
  /** Whether fleetpatch fetches it itself (`intel sync`), or only imports files of it. */
  readonly online: boolean;
  readonly syncedUntil: string | null;
  readonly lastSuccessAt: string | null;
  readonly lastAttemptAt: string | null;
  readonly lastError: string | null;
  /** Where an interrupted sync goes on: its window and next start index. */
  readonly cursor: SyncCursor | null;
}

/** The sources `intel status` lists, online ones first. */
const STATUS_SOURCES: ReadonlyArray<{ readonly source: string; readonly online: boolean }> = [
  { source: "nvd", online: true },
  { source: "cve", online: false },
  { source: "osv", online: false },
  { source: "kev", online: false },
  { source: "epss", online: false },
];

/** How the sync talks to NVD. */
export interface NvdSyncSettings {
  readonly url: string;
  readonly apiKey: string | null;
  /** Records per page (NVD serves at most 2,000). */
  readonly resultsPerPage?: number;
  /** Attempts per page before the sync stops (and resumes there next time). */
  readonly maxAttempts?: number;
  /** Requests per rolling window; NVD's documented limits by default. */
  readonly rateLimit?: { readonly requests: number; readonly windowMs: number };
}

/** An API page read whole, checked to hold every record it promised. */
interface Page {
  readonly bytes: Uint8Array;
  readonly records: number;
  readonly totalResults: number;
}

/** Responses past this are refused: a page of 2,000 records is about 10 MB. */
const MAX_PAGE_BYTES = 256 * 1024 * 1024;

/**
 * Syncs NVD's CVE API 2.0 (docs/adr/0029): windows of `lastModified` of at most 120 days since
 * the last success, page by page, each page and the cursor after it one unit of work, so an
 * interrupted sync resumes at the page it did not finish. Requests keep to NVD's rate limits;
 * 403, 429, 5xx, cut connections, invalid JSON and short pages are tried again with exponential
 * backoff and jitter, as Retry-After says when it does.
 */
export class NvdSyncService {
  private readonly sent: number[] = [];

  constructor(
    private readonly deps: {
      readonly sync: IntelSyncStore;
      readonly feeds: RecordFeedService;
      readonly http: HttpClient;
      readonly clock: Clock;
      readonly sleep: (ms: number) => Promise<void>;
      readonly random: () => number;
      readonly settings: NvdSyncSettings;
    },
  ) {}

  /** Each source with its record count and, for online ones, where its sync stands. */
  async status(): Promise<SourceStatus[]> {
    const [states, counts] = [await this.deps.sync.states(), await this.deps.sync.recordCounts()];
    return STATUS_SOURCES.map(({ source, online }) => {
      const state = states.get(source);
      return {
        source,
        records: counts.get(source) ?? 0,
        online,
        syncedUntil: state?.syncedUntil ?? null,
        lastSuccessAt: state?.lastSuccessAt ?? null,
        lastAttemptAt: state?.lastAttemptAt ?? null,
        lastError: state?.lastError ?? null,
        cursor: state?.cursor ?? null,
      };
    });
  }

  async sync(): Promise<SyncResult> {
    const store = this.deps.sync;
    const state = await store.state("nvd");
    const started = this.deps.clock.now().toISOString();
    let cursor: SyncCursor | null = state.cursor;
    const resumed = cursor !== null;
    const counts = { windows: 0, pages: 0, records: 0, inserted: 0, updated: 0, unchanged: 0, retries: 0 };
    if (cursor === null) {
      const [first, ...rest] = nvdSyncWindows(state.syncedUntil, started);
      if (first === undefined) return { source: "nvd", ...counts, syncedUntil: state.syncedUntil, resumed };
      cursor = { window: first, rest, startIndex: 0 };
    }
    const until = (cursor.rest.at(-1) ?? cursor.window).end;
    counts.windows = 1 + cursor.rest.length;
    await store.update("nvd", { lastAttemptAt: started });
    const run = await store.startRun("nvd", started);
    try {
      while (cursor !== null) {
        const at: SyncCursor = cursor;
        const page: Page = await this.fetchPage(at.window, at.startIndex, counts);
        const nextIndex: number = at.startIndex + page.records;
        const windowDone: boolean = nextIndex >= page.totalResults || page.records === 0;
        const [nextWindow, ...rest] = at.rest;
        const next: SyncCursor | null = !windowDone
          ? { ...at, startIndex: nextIndex }
          : nextWindow === undefined
            ? null
            : { window: nextWindow, rest, startIndex: 0 };
        const finishedAt = this.deps.clock.now().toISOString();
        const location = `NVD API page ${describeWindow(at.window)} from ${at.startIndex}`;
        const result = await this.deps.feeds.importBytes(nvdSource, location, page.bytes, async (scope) => {
          await store
            .in(scope)
            .update(
              "nvd",
              next === null
                ? { cursor: null, syncedUntil: until, lastSuccessAt: finishedAt, lastError: null }
                : { cursor: next },
            );
        });
        counts.pages++;
        counts.records += result.records;
        counts.inserted += result.inserted;
        counts.updated += result.updated;
        counts.unchanged += result.unchanged;
        cursor = next;
      }
      await store.endRun(run, this.deps.clock.now().toISOString(), counts, null);
      return { source: "nvd", ...counts, syncedUntil: until, resumed };
    } catch (error) {
      const message = (error as Error).message;
      await store.update("nvd", { lastError: message });
      await store.endRun(run, this.deps.clock.now().toISOString(), counts, message);
      throw error;
    }
  }

  /** One page, tried again on every fault worth it, until it holds every record it promised. */
  private async fetchPage(window: SyncWindow, startIndex: number, counts: { retries: number }): Promise<Page> {
    const { settings } = this.deps;
    const perPage = Math.min(settings.resultsPerPage ?? NVD_MAX_RESULTS_PER_PAGE, NVD_MAX_RESULTS_PER_PAGE);
    const url = nvdPageUrl(settings.url, window, startIndex, perPage);
    const attempts = settings.maxAttempts ?? 6;
    let problem = "";
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let retryAfter: number | null = null;
      await this.keepToRateLimit();
      try {
        const response = await this.deps.http.get(url, {
          headers: settings.apiKey ? { apiKey: settings.apiKey } : {},
          maxBytes: MAX_PAGE_BYTES,
        });
        if (response.status === 200) return this.checkedPage(response.body, startIndex, perPage);
        if (response.status === 404 || response.status === 400) {
          throw new InputError(
            `NVD answered ${response.status} for ${url}: check FLEETPATCH_NVD_URL (${excerpt(response.body)})`,
          );
        }
        if (response.status === 401)
          throw new InputError(`NVD refused the API key (401): check FLEETPATCH_NVD_API_KEY`);
        problem = `NVD answered ${response.status}${response.status === 403 ? " (rate limit, or a refused key)" : ""}`;
        retryAfter = retryAfterMs(response.headers["retry-after"], this.deps.clock.now().getTime());
      } catch (error) {
        // A cut connection, invalid JSON or a short page: the next attempt may get the whole page.
        if (
          !(error instanceof UnavailableError) &&
          !(isAppError(error) && error.code === "invalid_input" && error instanceof PageFault)
        )
          throw error;
        problem = (error as Error).message;
      }
      if (attempt === attempts) break;
      counts.retries++;
      await this.deps.sleep(retryDelayMs(attempt, retryAfter, this.deps.random()));
    }
    throw new UnavailableError(
      `NVD gave no complete page after ${attempts} attempts (${problem}); the next sync goes on from this page`,
    );
  }

  /** The page's records counted and its header checked; a page short of its promise is a fault to retry. */
  private checkedPage(bytes: Buffer, startIndex: number, perPage: number): Page {
    let records = 0;
    let header: ReturnType<typeof nvdFeedHeader>;
    try {
      const stream = new JsonRecordStream(
        { recordKeys: NVD_RECORD_KEYS, location: "NVD API response" },
        () => records++,
      );
      stream.push(bytes);
      const document = stream.end();
      header = nvdFeedHeader(document.header, document.streamedKey, "NVD API response");
    } catch (error) {
      throw new PageFault(`the response is no complete NVD page: ${(error as Error).message}`);
    }
    const total = header.totalResults ?? records;
    const promised = nvdPagePromise({ ...header, totalResults: total }, startIndex, perPage);
    if (records < promised) {
      throw new PageFault(`the page holds ${records} records but promised ${promised} of ${total}`);
    }
    return { bytes, records, totalResults: total };
  }

  /** Wait until one more request fits NVD's rolling window. */
  private async keepToRateLimit(): Promise<void> {
    const limit = this.deps.settings.rateLimit ?? nvdRateLimit(this.deps.settings.apiKey !== null);
    const wait = rateLimitWaitMs(this.sent, this.deps.clock.now().getTime(), limit);
    if (wait > 0) await this.deps.sleep(wait);
    const now = this.deps.clock.now().getTime();
    this.sent.push(now);
    while (this.sent.length > limit.requests) this.sent.shift();
  }
}

/** A response that is no complete page: tried again. */
class PageFault extends InputError {}

function describeWindow(window: SyncWindow): string {
  return window.start === null ? "(all)" : `${window.start}..${window.end}`;
}

function excerpt(body: Buffer): string {
  const text = body.subarray(0, 200).toString("utf8").replace(/\s+/g, " ").trim();
  return text === "" ? "no body" : text;
}
