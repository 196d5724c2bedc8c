import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { undiciHttpClient } from "./http-client.js";

let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === "/big") {
      response.end(Buffer.alloc(64 * 1024, 97));
      return;
    }
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ path: request.url, accept: request.headers.accept ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("the outbound HTTP port", () => {
  const client = undiciHttpClient();

  it("fetches from a local server with headers", async () => {
    const response = await client.get(`${base}/feed?x=1`, { headers: { accept: "application/json" } });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(response.body.toString("utf8"))).toEqual({ path: "/feed?x=1", accept: "application/json" });
  });

  it("refuses a body over the size bound without reading on", async () => {
    await expect(client.get(`${base}/big`, { maxBytes: 1024 })).rejects.toThrow(/larger than 1024 bytes/);
  });

  it("cannot leave the machine in tests: the network guard fails unmocked outbound requests", async () => {
    await expect(client.get("https://services.nvd.nist.gov/rest/json/cves/2.0")).rejects.toThrow(
      /cannot fetch https:\/\/services\.nvd\.nist\.gov.*net\.connect is not enabled for this origin/,
    );
    // Node's own fetch goes through the same global dispatcher.
    await expect(fetch("https://osv.dev/")).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/net\.connect is not enabled/) },
    });
  });
});
