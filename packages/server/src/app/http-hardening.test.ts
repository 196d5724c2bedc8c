import { connect } from "node:net";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cycloneDxBomText } from "../../test/factories.js";
import { openTestContext } from "../../test/support/context.js";
import { bearerToken, createHttpServer, HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from "../http/http-server.js";
import { PayloadTooLargeError, spoolToFile } from "../platform/index.js";
import type { AppContext } from "./context.js";
import { buildApp } from "./http-app.js";

/** Issue 7, item 15: the HTTP polish users and attackers hit at once. */

let context: AppContext;
let app: FastifyInstance;
let token: string;

beforeAll(async () => {
  context = await openTestContext(":memory:");
  await context.auth.createUser({ name: "viewer", role: "viewer" });
  token = (await context.auth.createToken({ userName: "viewer", expiresInDays: 1 })).token;
  app = await buildApp(context, { timeouts: { headersMs: 500, requestMs: 1_000 } });
});

afterAll(async () => {
  await app.close();
  await context.close();
});

describe("HTTP hardening", () => {
  it.each(["Bearer", "bearer", "BEARER", "bEaReR"])(
    "accepts the %s scheme, case-insensitively (RFC 9110)",
    async (scheme) => {
      const response = await app.inject({ url: "/api/v1/me", headers: { authorization: `${scheme} ${token}` } });
      expect(response.statusCode).toBe(200);
    },
  );

  it("finds the token of an Authorization header whatever its spacing, and nothing in other schemes", () => {
    expect(bearerToken(`Bearer   ${"fpt_x"}  `)).toBe("fpt_x");
    expect(bearerToken("Basic Zm9vOmJhcg==")).toBeUndefined();
    expect(bearerToken("Bearer")).toBeUndefined();
    expect(bearerToken("Bearer a b")).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });

  it.each([
    ["a page", "/api/v1/findings", 200],
    ["an error", "/api/v1/findings?limit=0", 400],
    ["a refusal", "/api/v1/me?no-token", 401],
    ["an unknown route", "/api/v1/nothing", 404],
    ["liveness", "/healthz", 200],
  ])("sends nosniff and no-store with %s", async (_name, url, status) => {
    const headers = url.endsWith("?no-token") ? {} : { authorization: `Bearer ${token}` };
    const response = await app.inject({ url, headers });
    expect(response.statusCode).toBe(status);
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["cache-control"]).toBe("no-store");
    if (status >= 400) {
      expect(typeof response.json().error.code).toBe("string");
      expect(typeof response.json().error.message).toBe("string");
    }
  });

  it("answers 503 with Retry-After and the standard body when the database is gone", async () => {
    const gone = await openTestContext(":memory:");
    const goneApp = await buildApp(gone);
    try {
      // The connection closes under the running server, as a deleted file or a dead disk would.
      await gone.database.close();
      const ready = await goneApp.inject({ url: "/readyz" });
      expect(ready.statusCode).toBe(503);
      expect(ready.headers["retry-after"]).toMatch(/^\d+$/);
      expect(ready.json().error.code).toBe("unavailable");
    } finally {
      await goneApp.close();
    }
  });

  it("cuts off a client that never finishes its headers (slowloris)", async () => {
    await app.listen({ host: "127.0.0.1", port: 0 });
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk) => (received += chunk));
    socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    await new Promise((resolve) => socket.on("close", resolve));
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    // In the API's own error body and headers, like every other answer.
    expect(received).toMatch(/\r\nx-content-type-options: nosniff\r\n/i);
    expect(received.split("\r\n\r\n")[1]).toBe(
      '{"error":{"code":"request_timeout","message":"the request did not arrive in time"}}',
    );
  });

  it("answers a request that is not HTTP in the standard error body", async () => {
    if (!app.server.listening) await app.listen({ host: "127.0.0.1", port: 0 });
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk) => (received += chunk));
    socket.write("GARBAGE\r\n\r\n");
    await new Promise((resolve) => socket.on("close", resolve));
    expect(received).toMatch(/^HTTP\/1\.1 400/);
    expect(JSON.parse(received.split("\r\n\r\n")[1] ?? "")).toEqual({
      error: { code: "invalid_input", message: "the request is not valid HTTP" },
    });
  });

  it("refuses offset paging with a pointer to the cursor", async () => {
    const response = await app.inject({
      url: "/api/v1/findings?offset=9000000",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain("follow the `next` cursor");
  });

  it("has production client timeouts in minutes, not the Node defaults", async () => {
    const production = await buildApp(context);
    try {
      expect(production.server.headersTimeout).toBe(HEADERS_TIMEOUT_MS);
      expect(production.server.requestTimeout).toBe(REQUEST_TIMEOUT_MS);
      expect(HEADERS_TIMEOUT_MS).toBeLessThan(60_000);
    } finally {
      await production.close();
    }
  });
});

describe("SBOM bodies", () => {
  it("imports a gzip-compressed SBOM posted as application/gzip", async () => {
    const admin = await adminToken();
    const body = gzipSync(cycloneDxBomText("gz-gw", [{ name: "a", version: "1.0.0", purl: "pkg:npm/a@1.0.0" }]));
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/sboms",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/gzip" },
      payload: body,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().assets[0]).toMatchObject({ name: "gz-gw", components: 1 });
  });

  it("names the query parameter, not a CLI flag, when the asset has no name", async () => {
    const admin = await adminToken();
    const bom = { bomFormat: "CycloneDX", specVersion: "1.6", components: [] };
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/sboms",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      payload: bom,
    });
    expect(response.statusCode).toBe(400);
    const message: string = response.json().error.message;
    expect(message).toContain("?asset=NAME");
    expect(message).not.toMatch(/--[a-z]/);
  });
});

let adminTokenValue: string | undefined;
async function adminToken(): Promise<string> {
  if (adminTokenValue) return adminTokenValue;
  await context.auth.createUser({ name: "admin", role: "admin" });
  adminTokenValue = (await context.auth.createToken({ userName: "admin", expiresInDays: 1 })).token;
  return adminTokenValue;
}

describe("OSV bodies", () => {
  it("refuses a body that is not application/json with 415", async () => {
    const admin = await adminToken();
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/intel/osv",
      headers: { authorization: `Bearer ${admin}`, "content-type": "text/plain" },
      payload: "{}",
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe("unsupported_media_type");
  });

  it("refuses duplicate keys in a posted record, as in a file", async () => {
    const admin = await adminToken();
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/intel/osv",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      payload: '{"id":"GHSA-dup1-0000","id":"GHSA-dup2-0000","modified":"2024-01-01T00:00:00Z"}',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/^request body: id: the key "id" occurs/);
  });
});

describe("request bodies spooled to disk", () => {
  it("keeps a body within its limit byte for byte", async () => {
    const spooled = await spoolToFile(Readable.from([Buffer.from('{"a":'), Buffer.from("1}")]), 1024, "the body");
    try {
      expect(spooled.bytes).toBe(7);
      const { readFile } = await import("node:fs/promises");
      expect(await readFile(spooled.path, "utf8")).toBe('{"a":1}');
    } finally {
      await spooled.remove();
    }
  });

  it("refuses a body past its limit as payload too large, leaving no file", async () => {
    const chunks = Array.from({ length: 100 }, () => Buffer.alloc(1024, 0x20));
    const refused = spoolToFile(Readable.from(chunks), 10 * 1024, "the request body");
    await expect(refused).rejects.toBeInstanceOf(PayloadTooLargeError);
    await expect(refused).rejects.toThrow("the request body is larger than the limit of 10240 bytes");
  });

  it("maps a spooled body past its limit to 413 payload_too_large", async () => {
    const server = await createHttpServer({
      logger: pino({ level: "silent" }),
      logRequests: false,
      authenticate: async () => ({ kind: "user", name: "x", role: "admin" }) as never,
      authorize: () => {},
      version: "test",
    });
    server.post("/upload", { config: { access: "public" } }, async (request) => {
      await spoolToFile(Readable.from([request.body as string]), 4, "the request body");
      return { ok: true };
    });
    try {
      const response = await server.inject({
        method: "POST",
        url: "/upload",
        headers: { "content-type": "text/plain" },
        payload: "far too long",
      });
      expect(response.statusCode).toBe(413);
      expect(response.json()).toEqual({
        error: { code: "payload_too_large", message: "the request body is larger than the limit of 4 bytes" },
      });
    } finally {
      await server.close();
    }
  });
});
