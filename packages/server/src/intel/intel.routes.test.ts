import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { osvRecord } from "../../test/factories.js";
import { openTestContext } from "../../test/support/context.js";
import type { AppContext } from "../app/context.js";
import { buildApp } from "../app/http-app.js";

let context: AppContext;
let app: FastifyInstance;
let headers: Record<string, string>;

beforeAll(async () => {
  context = await openTestContext(":memory:");
  await context.auth.createUser({ name: "intel-admin", role: "admin" });
  const { token } = await context.auth.createToken({ userName: "intel-admin", expiresInDays: 1 });
  headers = { authorization: `Bearer ${token}` };
  app = await buildApp(context);
});

afterAll(async () => {
  await app.close();
  await context.close();
});

const record = (modified: string) =>
  osvRecord({ id: "GO-2024-9001", ecosystem: "Go", name: "example.com/m", modified, events: [{ introduced: "0" }] });

describe("POST /api/v1/intel/osv", () => {
  it("says how many records were older than the version kept (issue 7, item 7)", async () => {
    const post = (payload: unknown) =>
      app.inject({ method: "POST", url: "/api/v1/intel/osv", headers, payload: payload as object });
    expect((await post(record("2024-05-01T00:00:00Z"))).json()).toEqual({
      records: 1,
      inserted: 1,
      updated: 0,
      unchanged: 0,
      older: 0,
      warnings: [],
      warningCount: 0,
    });
    const response = await post([record("2023-01-01T00:00:00Z"), record("2024-05-01T00:00:00Z")]);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ records: 2, inserted: 0, updated: 0, unchanged: 1, older: 1 });
  });

  it("refuses a record that breaks the OSV schema with 400 and one line naming the record and field (item 11)", async () => {
    const bad = osvRecord({ id: "GO-2024-9003", ecosystem: "Go", name: "example.com/m", events: [{ fixed: "1.0.0" }] });
    const response = await app.inject({ method: "POST", url: "/api/v1/intel/osv", headers, payload: [bad] });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: {
        code: "invalid_input",
        message: 'request body: [0]: record GO-2024-9003: affected[0].ranges[0].events: needs an "introduced" event',
      },
    });
  });

  it("lists warnings and counts them all (item 11)", async () => {
    const records = Array.from({ length: 25 }, (_, index) =>
      osvRecord({
        id: `GO-2024-95${String(index).padStart(2, "0")}`,
        ecosystem: "Go",
        name: "example.com/m",
        modified: "2024-05-01T02:00:00+02:00",
        events: [{ introduced: "0" }],
      }),
    );
    const body = (await app.inject({ method: "POST", url: "/api/v1/intel/osv", headers, payload: records })).json();
    expect(body).toMatchObject({ records: 25, inserted: 25, warningCount: 25 });
    expect(body.warnings).toHaveLength(20);
    expect(body.warnings[0]).toBe(
      'request body: [0]: record GO-2024-9500: modified: 2024-05-01T02:00:00+02:00 is not written in UTC with "Z", as OSV asks; read as the instant it names',
    );
  });
});
