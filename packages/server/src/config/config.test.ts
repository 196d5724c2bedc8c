import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_DATABASE, loadConfig } from "./config.js";

describe("configuration", () => {
  it("defaults to the embedded SQLite file, info logs and 127.0.0.1:8080", () => {
    const config = loadConfig({});
    expect(config).toEqual({
      database: DEFAULT_DATABASE,
      log: { level: "info", format: "json" },
      http: { host: "127.0.0.1", port: 8080 },
      intel: { nvd: { url: "https://services.nvd.nist.gov/rest/json/cves/2.0", apiKey: null } },
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.http)).toBe(true);
  });

  it("reads NVD's endpoint and API key, and lists what is wrong with them", () => {
    const config = loadConfig({
      FLEETPATCH_NVD_URL: "http://127.0.0.1:9999/cves",
      FLEETPATCH_NVD_API_KEY: "0a1b2c3d-4e5f-6789",
    });
    expect(config.intel.nvd).toEqual({ url: "http://127.0.0.1:9999/cves", apiKey: "0a1b2c3d-4e5f-6789" });
    expect(() => loadConfig({ FLEETPATCH_NVD_URL: "ftp://mirror", FLEETPATCH_NVD_API_KEY: "key with spaces" })).toThrow(
      /FLEETPATCH_NVD_URL: must be an http:\/\/ or https:\/\/ URL\n {2}- FLEETPATCH_NVD_API_KEY: must be the API key NVD sent/,
    );
  });

  it("reads the environment, and flags win over it", () => {
    const env = {
      FLEETPATCH_DATABASE_URL: "postgres://db/fp",
      FLEETPATCH_PORT: "9000",
      FLEETPATCH_LOG_FORMAT: "pretty",
    };
    expect(loadConfig(env)).toMatchObject({
      database: "postgres://db/fp",
      http: { port: 9000 },
      log: { format: "pretty" },
    });
    expect(loadConfig(env, { db: "local.db", port: "0" })).toMatchObject({ database: "local.db", http: { port: 0 } });
  });

  it("logs pretty on a terminal unless told otherwise", () => {
    expect(loadConfig({}, {}, true).log.format).toBe("pretty");
    expect(loadConfig({ FLEETPATCH_LOG_FORMAT: "json" }, {}, true).log.format).toBe("json");
  });

  it("lists every bad value in one error", () => {
    const attempt = () =>
      loadConfig({ FLEETPATCH_PORT: "http", FLEETPATCH_LOG_LEVEL: "loud", FLEETPATCH_LOG_FORMAT: "xml" }, { host: "" });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      [
        "invalid configuration:",
        "  - --log-level / FLEETPATCH_LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent",
        "  - FLEETPATCH_LOG_FORMAT: must be json or pretty",
        "  - --host / FLEETPATCH_HOST: must not be empty",
        "  - --port / FLEETPATCH_PORT: must be a whole number from 0 to 65535",
      ].join("\n"),
    );
  });
});

describe("database targets (issue 7, item 13)", () => {
  it.each(["postgress://db.example/fleet", "mysql://root@localhost/fleet", "sqlite:///var/lib/fleet.db", "HTTP://x/y"])(
    "refuses %s instead of taking it for a file name",
    (target) => {
      expect(() => loadConfig({}, { db: target })).toThrow(
        /--db \/ FLEETPATCH_DATABASE_URL: unsupported database URL scheme "[A-Za-z]+:"; give a SQLite file path or a postgres:\/\/ URL/,
      );
    },
  );

  it.each([
    "postgres://u@h/d",
    "postgresql://u@h/d",
    "POSTGRES://u@h/d",
    "fleet.db",
    "./data/fleet.db",
    ":memory:",
    "C:\\fleet\\fleet.db",
  ])("accepts %s", (target) => {
    expect(loadConfig({}, { db: target }).database).toBe(target);
  });
});
