import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const MAIN = fileURLToPath(new URL("../../src/app/main.ts", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** Start the real CLI as a separate process, from its TypeScript sources, with the default database unset. */
export function startCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): ChildProcess {
  const inherited: Record<string, string | undefined> = { ...process.env, FLEETPATCH_LOG_LEVEL: "warn", ...env };
  // The CLI must pick its own default database, not one the developer's shell happens to name, and
  // must not believe it runs under npx because the tests do.
  for (const name of ["FLEETPATCH_DATABASE_URL", "npm_command"]) if (!(name in env)) delete inherited[name];
  return spawn(process.execPath, ["--import", TSX, MAIN, ...args], {
    cwd,
    env: inherited,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Collect stdout until `pattern` matches or the process ends. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`timed out; stdout: ${out}\nstderr: ${err}`)), timeoutMs);
    child.stdout?.on("data", (chunk) => {
      out += chunk;
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.stderr?.on("data", (chunk) => {
      err += chunk;
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before output matched; stdout: ${out}\nstderr: ${err}`));
    });
  });
}

/** What a finished CLI process printed on stderr and how it ended. */
export interface CliExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Wait for the process to end, collecting its stderr. */
export function waitForExit(child: ChildProcess): Promise<CliExit> {
  return new Promise((resolve) => {
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("close", (code, signal) => resolve({ code, signal, stderr }));
  });
}
