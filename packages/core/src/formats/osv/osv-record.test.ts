import { describe, expect, it } from "vitest";
import { OSV_LIMITS, parseOsvDocument, parseOsvRecord } from "./osv-record.js";

/** GO-2020-0001 as golang/vulndb publishes it, trimmed to the fields these cases touch. */
// biome-ignore lint/suspicious/noExplicitAny: each case reaches into the record to break one field.
function goRecord(): Record<string, any> {
  return {
    schema_version: "1.3.1",
    id: "GO-2020-0001",
    modified: "2023-06-12T18:45:41Z",
    published: "2021-04-14T20:04:52Z",
    aliases: ["CVE-2020-36567", "GHSA-6vm3-jj99-7229"],
    summary: "Arbitrary log line injection in github.com/gin-gonic/gin",
    details: "The default Formatter for the Logger middleware allows attackers to inject arbitrary log entries.",
    affected: [
      {
        package: { name: "github.com/gin-gonic/gin", ecosystem: "Go" },
        ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "1.6.0" }] }],
        ecosystem_specific: { imports: [{ path: "github.com/gin-gonic/gin", symbols: ["Logger"] }] },
      },
    ],
    database_specific: { url: "https://pkg.go.dev/vuln/GO-2020-0001" },
  };
}

function refusal(record: unknown, location = "osv/GO-1.json"): string {
  try {
    parseOsvRecord(record, location);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the record was accepted");
}

function warningsOf(record: unknown): string[] {
  const warnings: string[] = [];
  parseOsvRecord(record, "osv/GO-1.json", (message) => warnings.push(message));
  return warnings;
}

const where = "osv/GO-1.json: record GO-2020-0001";

describe("OSV record validation (issue 7, item 11)", () => {
  it("accepts the real record, unknown fields included, without warnings", () => {
    const record = { ...goRecord(), a_field_from_schema_1_9: { x: 1 } };
    expect(parseOsvRecord(record, "osv/GO-1.json")).toMatchObject({
      id: "GO-2020-0001",
      modified: "2023-06-12T18:45:41Z",
    });
    expect(warningsOf(record)).toEqual([]);
  });

  it("refuses a range without an introduced event, naming the file, the record and the field", () => {
    const record = goRecord();
    record.affected[0].ranges[0].events = [{ fixed: "1.6.0" }];
    expect(refusal(record)).toBe(`${where}: affected[0].ranges[0].events: needs an "introduced" event`);
  });

  it("refuses an empty event list the same way", () => {
    const record = goRecord();
    record.affected[0].ranges[0].events = [];
    expect(refusal(record)).toBe(`${where}: affected[0].ranges[0].events: needs an "introduced" event`);
  });

  it.each([
    ["a space for the T", "2023-06-12 18:45:41Z"],
    ["no offset", "2023-06-12T18:45:41"],
    ["a date alone", "2023-06-12"],
    ["February 30th", "2023-02-30T00:00:00Z"],
  ])("refuses a modified that is not RFC 3339: %s", (_what, modified) => {
    expect(refusal({ ...goRecord(), modified })).toBe(
      `${where}: modified: ${JSON.stringify(modified)} is not an RFC 3339 timestamp (such as 2024-05-01T12:00:00Z)`,
    );
  });

  it("refuses a published or withdrawn time that is not RFC 3339", () => {
    expect(refusal({ ...goRecord(), published: "yesterday" })).toBe(
      `${where}: published: "yesterday" is not an RFC 3339 timestamp (such as 2024-05-01T12:00:00Z)`,
    );
    expect(refusal({ ...goRecord(), withdrawn: 1700000000 })).toBe(
      `${where}: withdrawn: must be an RFC 3339 timestamp string, not a number`,
    );
  });

  it("names the record's missing modified rather than calling it something else", () => {
    const { modified: _modified, ...record } = goRecord();
    expect(refusal(record)).toBe(`${where}: modified: is missing (an RFC 3339 timestamp string)`);
  });

  it("refuses a version that is not a string, in versions or in an event", () => {
    const listed = goRecord();
    listed.affected[0].versions = ["1.5.0", 1.6];
    expect(refusal(listed)).toBe(`${where}: affected[0].versions[1]: must be a string, not a number`);
    const event = goRecord();
    event.affected[0].ranges[0].events = [{ introduced: "0" }, { fixed: 160 }];
    expect(refusal(event)).toBe(`${where}: affected[0].ranges[0].events[1].fixed: must be a string, not a number`);
  });

  it("refuses a range type OSV does not define", () => {
    const record = goRecord();
    record.affected[0].ranges[0].type = "semver";
    expect(refusal(record)).toBe(
      `${where}: affected[0].ranges[0].type: must be SEMVER, ECOSYSTEM or GIT, not "semver"`,
    );
  });

  it("refuses an event with two kinds, or with a field OSV does not define", () => {
    const two = goRecord();
    two.affected[0].ranges[0].events = [{ introduced: "0", fixed: "1.6.0" }];
    expect(refusal(two)).toBe(
      `${where}: affected[0].ranges[0].events[0]: an event has exactly one of introduced, fixed, last_affected or limit`,
    );
    // A misspelt kind would otherwise leave `introduced: 0` alone: every version affected.
    const typo = goRecord();
    typo.affected[0].ranges[0].events = [{ introduced: "0" }, { fixd: "1.6.0" }];
    expect(refusal(typo)).toBe(
      `${where}: affected[0].ranges[0].events[1]: unknown event field "fixd"; an event has exactly one of introduced, fixed, last_affected or limit`,
    );
  });

  it("refuses fixed and last_affected in one range, which the schema forbids", () => {
    const record = goRecord();
    record.affected[0].ranges[0].events = [{ introduced: "0" }, { fixed: "1.6.0" }, { last_affected: "1.7.0" }];
    expect(refusal(record)).toBe(
      `${where}: affected[0].ranges[0].events: has both "fixed" and "last_affected" events; OSV allows only one of them in a range`,
    );
  });

  it("reads a null versions or ranges list, as Go producers write empty ones, as empty", () => {
    const record = goRecord();
    record.affected[0].versions = null;
    record.affected.push({ package: { name: "example.com/m", ecosystem: "Go" }, ranges: null, versions: ["v1.0.0"] });
    const parsed = parseOsvRecord(record, "osv/GO-1.json");
    expect(parsed.affected.map((entry) => [entry.ranges.length, entry.versions])).toEqual([
      [1, []],
      [0, ["v1.0.0"]],
    ]);
  });

  it("refuses a major schema_version it cannot read", () => {
    expect(refusal({ ...goRecord(), schema_version: "2.0.0" })).toBe(
      `${where}: schema_version: "2.0.0" is not supported; fleetpatch reads OSV schema 1.x`,
    );
  });

  it("names the record in an array file by its index and id", () => {
    const bad = goRecord();
    bad.id = "GO-2020-0002";
    bad.affected[0].ranges[0].type = "SEMVERS";
    expect(() => parseOsvDocument([goRecord(), bad], "osv/all.json")).toThrow(
      'osv/all.json: [1]: record GO-2020-0002: affected[0].ranges[0].type: must be SEMVER, ECOSYSTEM or GIT, not "SEMVERS"',
    );
  });
});

describe("OSV record limits (issue 7, items 9 and 11)", () => {
  it("refuses 100,000 events in a range without reading them one by one", () => {
    const record = goRecord();
    record.affected[0].ranges[0].events = [{ introduced: "0" }, ...Array.from({ length: 99_999 }, () => 5)];
    expect(refusal(record)).toBe(`${where}: affected[0].ranges[0].events: 100,000 events; the limit is 1,000`);
  });

  it("refuses a versions list over the limit", () => {
    const record = goRecord();
    record.affected[0].versions = Array.from({ length: OSV_LIMITS.versionsPerEntry + 1 }, (_, index) => `1.0.${index}`);
    expect(refusal(record)).toBe(`${where}: affected[0].versions: 50,001 versions; the limit is 50,000`);
  });

  it("refuses multi-megabyte details and multi-megabyte strings anywhere in the record", () => {
    expect(refusal({ ...goRecord(), details: "x".repeat(3_000_000) })).toBe(
      `${where}: details: is 3,000,000 characters long; the limit is 262,144`,
    );
    const evidence = { ...goRecord(), database_specific: { evidence: "x".repeat(3_000_000) } };
    expect(refusal(evidence)).toMatch(
      /^osv\/GO-1\.json: record GO-2020-0001: is 3,000,\d{3} characters as JSON; the limit for one record is 2,097,152$/,
    );
  });

  it("refuses objects and arrays nested past the limit in fields nobody reads, before the stack is at risk", () => {
    const nest = (levels: number): unknown => {
      let value: unknown = 1;
      for (let level = 0; level < levels; level += 1) value = [value];
      return value;
    };
    const message = `${where}: nests objects and arrays more than 32 levels deep`;
    // Record (1) > database_specific (2) > arrays: 30 arrays reach level 32, 31 go past it.
    expect(parseOsvRecord({ ...goRecord(), database_specific: { deep: nest(30) } }, "osv/GO-1.json").id).toBe(
      "GO-2020-0001",
    );
    expect(refusal({ ...goRecord(), database_specific: { deep: nest(31) } })).toBe(message);
    expect(refusal({ ...goRecord(), database_specific: { deep: nest(100_000) } })).toBe(message);
  });

  it("refuses an id or alias over 255 characters, without echoing it", () => {
    expect(refusal({ ...goRecord(), id: `GO-${"9".repeat(297)}` })).toBe(
      "osv/GO-1.json: id: is 300 characters long; the limit is 255",
    );
    expect(refusal({ ...goRecord(), aliases: [`CVE-${"1".repeat(300)}`] })).toBe(
      `${where}: aliases[0]: is 304 characters long; the limit is 255`,
    );
  });

  it.each([
    ["NUL", "\u0000", "U+0000"],
    ["an ANSI escape", "\u001b[2J", "U+001B"],
    ["DEL", "\u007f", "U+007F"],
    ["a C1 control (CSI)", "\u009b", "U+009B"],
    ["a line break", "\n", "U+000A"],
  ])("refuses %s in an id or an alias", (_what, control, code) => {
    expect(refusal({ ...goRecord(), id: `GO-2020${control}0001` })).toBe(
      `osv/GO-1.json: id: contains the control character ${code}`,
    );
    expect(refusal({ ...goRecord(), aliases: [`CVE-2020${control}36567`] })).toBe(
      `${where}: aliases[0]: contains the control character ${code}`,
    );
  });

  it("refuses invisible format characters in identifiers, where they make look-alike ids", () => {
    expect(refusal({ ...goRecord(), aliases: ["CVE-2020-\u202e76563"] })).toBe(
      `${where}: aliases[0]: contains the invisible format character U+202E`,
    );
    expect(refusal({ ...goRecord(), id: "GO-2020-0001\u200b" })).toBe(
      "osv/GO-1.json: id: contains the invisible format character U+200B",
    );
    // Prose may need them (a zero-width joiner inside an emoji, a right-to-left mark).
    expect(parseOsvRecord({ ...goRecord(), summary: "log injection \u200f" }, "x").summary).toBe(
      "log injection \u200f",
    );
  });

  it("refuses NUL and escapes in a summary or details but keeps their line breaks and tabs", () => {
    expect(refusal({ ...goRecord(), summary: "log\u0000injection" })).toBe(
      `${where}: summary: contains the control character U+0000`,
    );
    expect(refusal({ ...goRecord(), details: "\u001b]0;owned\u0007" })).toBe(
      `${where}: details: contains the control character U+001B`,
    );
    // GO-2026-6045, as golang/vulndb published it, has a line break in its summary.
    const wrapped = parseOsvRecord({ ...goRecord(), summary: "Token scope bypassed (Repository\n+ Package)" }, "x");
    expect(wrapped.summary).toBe("Token scope bypassed (Repository\n+ Package)");
  });

  it("refuses control characters and lone surrogates in package names and versions", () => {
    const name = goRecord();
    name.affected[0].package.name = "github.com/gin-gonic/\u0000gin";
    expect(refusal(name)).toBe(`${where}: affected[0].package.name: contains the control character U+0000`);
    const surrogate = goRecord();
    surrogate.affected[0].package.name = "github.com/gin-gonic/\ud800gin";
    expect(refusal(surrogate)).toBe(
      `${where}: affected[0].package.name: contains a lone surrogate (U+D800), which is not Unicode text`,
    );
    const version = goRecord();
    version.affected[0].ranges[0].events[1] = { fixed: "1.6.0\u001b[31m" };
    expect(refusal(version)).toBe(
      `${where}: affected[0].ranges[0].events[1].fixed: contains the control character U+001B`,
    );
  });

  it("escapes what it quotes from the record in a message", () => {
    expect(refusal({ ...goRecord(), modified: "\u001b[2J\u009b2024" })).toBe(
      `${where}: modified: "\\u001b[2J\\u009b2024" is not an RFC 3339 timestamp (such as 2024-05-01T12:00:00Z)`,
    );
  });
});

describe("OSV record warnings (issue 7, item 11)", () => {
  it("reads a timestamp with an offset as its instant, and says OSV asks for Z", () => {
    const record = { ...goRecord(), modified: "2023-06-12T20:45:41+02:00" };
    expect(parseOsvRecord(record, "x").modified).toBe("2023-06-12T20:45:41+02:00");
    expect(warningsOf(record)).toEqual([
      `${where}: modified: 2023-06-12T20:45:41+02:00 is not written in UTC with "Z", as OSV asks; read as the instant it names`,
    ]);
  });

  it("accepts a GIT range without a repo, which is never evaluated, with a warning", () => {
    const record = goRecord();
    record.affected[0].ranges.push({ type: "GIT", events: [{ introduced: "0" }] });
    expect(warningsOf(record)).toEqual([
      `${where}: affected[0].ranges[1]: a GIT range needs "repo"; it is kept but never evaluated`,
    ]);
  });

  it("accepts a schema_version that is not SemVer, with a warning", () => {
    expect(warningsOf({ ...goRecord(), schema_version: "1.6" })).toEqual([
      `${where}: schema_version: "1.6" is not a SemVer version; read as OSV 1.x`,
    ]);
  });
});
