import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { runCli } from "../../src/app/cli-program.js";
import { type AppContext, createContext } from "../../src/app/context.js";
import type { CliIo } from "../../src/cli/cli-io.js";
import { loadConfig } from "../../src/config/config.js";
import { fixedClock } from "../../src/platform/index.js";

/** The server package's fixtures folder. */
export const FIXTURES = fileURLToPath(new URL("../../fixtures/", import.meta.url));
/** This package's test fixtures folder. */
export const TEST_FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
/** The shared test data beside the repository; absent on a user's machine. */
export const SHARED_TESTDATA = fileURLToPath(new URL("../../../../../shared/testdata/", import.meta.url));

/** A context over `database` with a fixed clock and no log output. */
export async function openTestContext(database: string, now = "2026-11-01T12:00:00.000Z"): Promise<AppContext> {
  const config = loadConfig({}, { db: database, logLevel: "silent" });
  return createContext(config, { clock: fixedClock(now), logger: pino({ level: "silent" }) });
}

/** What a CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the CLI in-process with captured output; `stdin` feeds --password-stdin. */
export async function runCliCaptured(
  args: readonly string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { FLEETPATCH_LOG_LEVEL: "silent", ...options.env },
    readStdin: async () => options.stdin ?? "",
    untilStopped: async () => {},
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}
