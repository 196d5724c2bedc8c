import { UnavailableError } from "@fleetpatch/core";
import { type Dispatcher, request } from "undici";

/** A response read whole, bounded in size. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** Options of one request. */
export interface HttpRequestOptions {
  readonly headers?: Readonly<Record<string, string>>;
  /** Refuse bodies larger than this many bytes (default 256 MiB), without reading the rest. */
  readonly maxBytes?: number;
  readonly signal?: AbortSignal;
}

/**
 * The outbound HTTP port: every feed fetch, webhook and provider call goes through it, so tests
 * can point it at a local server and the network guard (test/support/network-guard.ts) fails any
 * request that leaves the machine.
 */
export interface HttpClient {
  get(url: string, options?: HttpRequestOptions): Promise<HttpResponse>;
}

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/** The real client over undici; `dispatcher` defaults to undici's global one (which the test guard replaces). */
export function undiciHttpClient(dispatcher?: Dispatcher): HttpClient {
  return {
    async get(url, options = {}) {
      const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
      let response: Dispatcher.ResponseData;
      try {
        response = await request(url, {
          method: "GET",
          ...(options.headers ? { headers: options.headers } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
          ...(dispatcher ? { dispatcher } : {}),
        });
      } catch (error) {
        throw new UnavailableError(`cannot fetch ${url}: ${(error as Error).message}`, { cause: error });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const part of response.body) {
          size += (part as Buffer).length;
          if (size > maxBytes) {
            response.body.destroy();
            throw new UnavailableError(`${url}: the response is larger than ${maxBytes} bytes`);
          }
          chunks.push(part as Buffer);
        }
      } catch (error) {
        if (error instanceof UnavailableError) throw error;
        // The server or the network cut the connection mid-body: a fault worth another try.
        throw new UnavailableError(
          `cannot fetch ${url}: the connection closed before the response ended (${(error as Error).message})`,
          {
            cause: error,
          },
        );
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
      }
      return { status: response.statusCode, headers, body: Buffer.concat(chunks) };
    },
  };
}
