import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UnavailableError } from "@fleetpatch/core";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cycloneDxBomText } from "../../test/factories.js";
import { loadConfig } from "../config/config.js";
import { workerJobRunner } from "./job-runner.js";

/** Issue 7, items 3 and 4: long jobs run in worker threads, and one that runs out of heap fails alone. */

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "fleetpatch-jobs-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function sbomFile(name: string, components: number): string {
  const path = join(folder, `${name}.json`);
  writeFileSync(
    path,
    cycloneDxBomText(
      name,
      Array.from({ length: components }, (_, index) => ({
        name: `lib-${index}`,
        version: "1.0.0",
        purl: `pkg:npm/lib-${index}@1.0.0`,
      })),
    ),
  );
  return path;
}

describe("the worker job runner", () => {
  it("runs jobs in order in worker threads and carries typed errors back", async () => {
    const config = loadConfig({}, { db: join(folder, "ordered.db"), logLevel: "silent" });
    const jobs = workerJobRunner(config, pino({ level: "silent" }));
    const small = sbomFile("small", 3);
    const [imported, matched] = await Promise.all([
      jobs.run({ kind: "import-sbom", path: small, location: "request body" }),
      jobs.run({ kind: "match" }),
    ]);
    expect(imported).toMatchObject([{ name: "small", components: 3, created: true }]);
    expect(matched).toMatchObject({ components: 3 });
    const broken = join(folder, "broken.json");
    writeFileSync(broken, "{");
    await expect(jobs.run({ kind: "import-sbom", path: broken, location: "request body" })).rejects.toThrow(
      /^request body: /,
    );
    await jobs.close();
  });

  it("stops a job that needs more than its heap with a 503-class error, and the next job runs", async () => {
    const config = loadConfig({}, { db: join(folder, "oom.db"), logLevel: "silent" });
    const jobs = workerJobRunner(config, pino({ level: "silent" }), { maxHeapMb: 96 });
    const big = sbomFile("big", 400_000);
    const failure = await jobs
      .run({ kind: "import-sbom", path: big, location: "request body" })
      .catch((error) => error);
    expect(failure).toBeInstanceOf(UnavailableError);
    expect((failure as Error).message).toBe(
      "the import-sbom job needed more than its 96 MB heap and was stopped; the server kept running",
    );
    expect(await jobs.run({ kind: "match" })).toMatchObject({ components: 0 });
    await jobs.close();
  });
});
