import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const MAIN = fileURLToPath(new URL("../../src/app/main.ts", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** How to run the real `fleetpatch` binary from its TypeScript sources, as a separate process. */
export function fleetpatchCommand(args: readonly string[]): { command: string; args: string[] } {
  return { command: process.execPath, args: ["--import", TSX, MAIN, ...args] };
}

/** Start `fleetpatch ARGS` as a child process. */
export function startFleetpatch(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; uid?: number; gid?: number } = {},
): ChildProcess {
  const { command, args: argv } = fleetpatchCommand(args);
  return spawn(command, argv, {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: { ...process.env, FLEETPATCH_LOG_LEVEL: "warn", FLEETPATCH_DATABASE_URL: "", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    ...(options.uid !== undefined ? { uid: options.uid } : {}),
    ...(options.gid !== undefined ? { gid: options.gid } : {}),
  });
}

/** What a finished process printed and its exit status. */
export interface ProcessRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `fleetpatch ARGS` to its end. */
export function runFleetpatch(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; uid?: number; gid?: number } = {},
): Promise<ProcessRun> {
  const child = startFleetpatch(args, options);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => (stdout += chunk));
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A running `fleetpatch serve`. */
export interface ServeProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** True while the process runs. */
  alive(): boolean;
  /** SIGTERM, then wait for the exit status. */
  stop(): Promise<number | null>;
}

/** Start `fleetpatch --db DB serve --port 0` and wait until it listens. */
export async function startServe(db: string, env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = startFleetpatch(["--db", db, "serve", "--port", "0"], { env });
  let out = "";
  let err = "";
  child.stderr?.on("data", (chunk) => (err += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start; stdout: ${out}\nstderr: ${err}`)), 30_000);
    child.stdout?.on("data", (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${code} before listening; stdout: ${out}\nstderr: ${err}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    child.once("exit", (code) => resolve(code));
  });
  return {
    url,
    child,
    stderr: () => err,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

/** Poll `check` until it returns true or `timeoutMs` passes; returns whether it did. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000, everyMs = 200): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return true;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
