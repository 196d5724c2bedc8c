import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { osvRecord } from "../../test/factories.js";
import { runCliCaptured } from "../../test/support/context.js";
import { DIALECTS, type TestDatabase } from "../../test/support/dialects.js";

const record = (modified: string, fixed: string) =>
  osvRecord({
    id: "GO-2024-9002",
    ecosystem: "Go",
    name: "example.com/m",
    modified,
    events: [{ introduced: "0" }, { fixed }],
  });

for (const dialect of DIALECTS) {
  describe.skipIf(dialect.skipReason !== "")(`fleetpatch intel import [${dialect.name}]`, () => {
    let database: TestDatabase;
    let dir: string;
    beforeEach(async () => {
      database = await dialect.createDatabase();
      dir = mkdtempSync(join(tmpdir(), "fleetpatch-intel-"));
    });
    afterEach(async () => {
      await database.drop();
    });
    const cli = (...args: string[]) => runCliCaptured(["--db", database.url, ...args]);
    const write = (name: string, content: unknown) => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(content));
      return path;
    };

    it("says how many records were older than the version kept (issue 7, item 7)", async () => {
      await cli("intel", "import", write("newer.json", record("2024-05-01T00:00:00Z", "1.2.0")));
      const result = await cli("intel", "import", write("older.json", record("2023-01-01T00:00:00Z", "1.0.0")));
      expect(result).toEqual({
        code: 0,
        stdout: "imported 1 OSV records from 1 files: 0 new, 0 updated, 0 unchanged, 1 older than the version kept\n",
        stderr: "",
      });
    });
  });
}
