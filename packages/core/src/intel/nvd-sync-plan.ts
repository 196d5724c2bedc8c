/*
 * How an NVD API 2.0 sync asks for what changed (docs/adr/0029): windows of at most 120 days of
 * `lastModified` from the last successful sync, pages by `startIndex`, retries with exponential
 * backoff and jitter that honour Retry-After, and NVD's rate limits. Pure: the service does the I/O.
 */

/** NVD refuses lastModified ranges longer than this. */
export const NVD_MAX_WINDOW_DAYS = 120;
/** The largest page NVD serves. */
export const NVD_MAX_RESULTS_PER_PAGE = 2_000;
const DAY_MS = 86_400_000;

/** A `lastModified` window; null bounds mean the whole history (the first sync). */
export interface SyncWindow {
  readonly start: string | null;
  readonly end: string;
}

/**
 * The windows from `since` (the end of the last successful sync) to `now`, each at most
 * `maxDays` long; without a previous sync, one window of everything.
 */
export function nvdSyncWindows(since: string | null, now: string, maxDays = NVD_MAX_WINDOW_DAYS): SyncWindow[] {
  if (since === null) return [{ start: null, end: now }];
  const windows: SyncWindow[] = [];
  let start = Date.parse(since);
  const end = Date.parse(now);
  if (!(start < end)) return [];
  while (start < end) {
    const stop = Math.min(end, start + maxDays * DAY_MS);
    windows.push({ start: new Date(start).toISOString(), end: new Date(stop).toISOString() });
    start = stop;
  }
  return windows;
}

/** The URL of one page of one window. */
export function nvdPageUrl(base: string, window: SyncWindow, startIndex: number, resultsPerPage: number): string {
  const url = new URL(base);
  if (window.start !== null) {
    url.searchParams.set("lastModStartDate", window.start);
    url.searchParams.set("lastModEndDate", window.end);
  }
  url.searchParams.set("startIndex", String(startIndex));
  url.searchParams.set("resultsPerPage", String(resultsPerPage));
  return url.toString();
}

/** What a failed request is: worth another try, or not. */
export function isRetryableStatus(status: number): boolean {
  // NVD answers 403 when a client goes past the rate limit, 429 likewise, 5xx when overloaded.
  return status === 403 || status === 429 || status >= 500;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: number): number | null {
  if (header === undefined) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * How long to wait before attempt `attempt` (1 for the first retry): Retry-After when the server
 * said, else exponential backoff from `baseMs` with full jitter (`random` in [0, 1)), capped.
 */
export function retryDelayMs(
  attempt: number,
  retryAfter: number | null,
  random: number,
  baseMs = 1_000,
  capMs = 120_000,
): number {
  if (retryAfter !== null) return Math.min(retryAfter, 10 * capMs);
  const ceiling = Math.min(capMs, baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

/** NVD's documented limits: 5 requests in a rolling 30 s without an API key, 50 with one. */
export function nvdRateLimit(hasKey: boolean): { readonly requests: number; readonly windowMs: number } {
  return { requests: hasKey ? 50 : 5, windowMs: 30_000 };
}

/** How long to wait before the next request, given when the recent ones were sent. */
export function rateLimitWaitMs(
  sent: readonly number[],
  now: number,
  limit: { requests: number; windowMs: number },
): number {
  const recent = sent.filter((at) => at > now - limit.windowMs);
  if (recent.length < limit.requests) return 0;
  const oldest = Math.min(...recent);
  return Math.max(0, oldest + limit.windowMs - now);
}
