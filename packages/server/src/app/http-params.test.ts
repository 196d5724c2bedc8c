import { expect, it } from "vitest";
import { describeOnEachDialect } from "../../test/support/dialects.js";
import { buildApp } from "./http-app.js";

/**
 * Issue 7, item 9 over HTTP: a NUL or other control character in a query or path parameter is a
 * 400 on both dialects (PostgreSQL answered 500: it cannot compare text holding NUL).
 */
describeOnEachDialect("control characters in URL parameters", (env) => {
  it.each([
    ["GET", "/api/v1/findings?asset=gw%00"],
    ["GET", "/api/v1/findings?asset=%1b%5b2J"],
    ["GET", "/api/v1/tokens?user=ops%00"],
    ["POST", "/api/v1/users/ops%00/disable"],
    ["POST", "/api/v1/tokens/abc%00/revoke"],
  ] as const)("%s %s answers 400 invalid_input", async (method, url) => {
    const { context } = env();
    await context.auth.createUser({ name: "admin", role: "admin" });
    const { token } = await context.auth.createToken({ userName: "admin", expiresInDays: 1 });
    const app = await buildApp(context);
    try {
      const response = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toEqual({
        code: "invalid_input",
        message: expect.stringMatching(/^(query|path) parameter \w+ contains a control character$/),
      });
    } finally {
      await app.close();
    }
  });
});
