import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { openTestContext } from "../../test/support/context.js";
import { loadConfig } from "../config/config.js";
import type { AppContext } from "./context.js";
import { startServer } from "./http-app.js";

let context: AppContext | undefined;
afterEach(async () => {
  await context?.close();
});

describe("HTTP server start", () => {
  it("says which address is taken instead of crashing", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const base = await openTestContext(":memory:");
      context = { ...base, config: loadConfig({}, { db: ":memory:", port, logLevel: "silent" }) };
      await expect(startServer(context)).rejects.toThrow(
        `cannot listen on 127.0.0.1:${port}: the address is already in use; choose another --port`,
      );
    } finally {
      blocker.close();
    }
  });
});
