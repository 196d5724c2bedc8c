import { escapeTerminalText } from "@fleetpatch/core";

/** Where a CLI run reads and writes; the real process or a test's buffers. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Read all of standard input (for --password-stdin). */
  readStdin(): Promise<string>;
  /** Resolves when a long-running command (serve, demo) should stop. */
  untilStopped(): Promise<void>;
}

/**
 * Thrown by a write after the reader of standard output went away (`fleetpatch findings | head -1`):
 * nobody will read the rest, so the command stops and the CLI exits quietly with status 0.
 */
export class OutputClosedError extends Error {
  constructor() {
    super("standard output was closed by its reader");
    this.name = "OutputClosedError";
  }
}

/** A stream that reports a broken pipe instead of crashing, and refuses writes after it. */
function pipeSafe(stream: NodeJS.WriteStream): CliIo["stdout"] {
  let closed = false;
  // Without a listener, EPIPE is an unhandled 'error' event: a stack trace and exit 1.
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") closed = true;
    else throw error;
  });
  return {
    get isTTY() {
      return stream.isTTY;
    },
    write(text: string) {
      if (closed || stream.destroyed) throw new OutputClosedError();
      return stream.write(text);
    },
  };
}

/** The IO of the running process; long-running commands stop on SIGINT or SIGTERM. */
export function processIo(): CliIo {
  return {
    stdout: pipeSafe(process.stdout),
    stderr: pipeSafe(process.stderr),
    env: process.env,
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
    untilStopped: () =>
      new Promise((resolve) => {
        process.once("SIGINT", () => resolve());
        process.once("SIGTERM", () => resolve());
      }),
  };
}

/**
 * The same IO with every control character shown escaped (docs/adr/0020): whatever a command
 * prints — a table, a summary naming an imported asset, JSON — cannot drive the terminal. Line
 * feeds stay; on stderr a write may also start with a carriage return, which is how a progress
 * line rewrites itself. JSON keeps its meaning, since the escapes are JSON's own.
 */
export function terminalSafeIo(io: CliIo): CliIo {
  return {
    env: io.env,
    readStdin: () => io.readStdin(),
    untilStopped: () => io.untilStopped(),
    stdout: {
      get isTTY() {
        return io.stdout.isTTY;
      },
      write: (text: string) => io.stdout.write(escapeTerminalText(text, { keepNewlines: true })),
    },
    stderr: {
      get isTTY() {
        return io.stderr.isTTY;
      },
      write: (text: string) =>
        io.stderr.write(
          text.startsWith("\r")
            ? `\r${escapeTerminalText(text.slice(1), { keepNewlines: true })}`
            : escapeTerminalText(text, { keepNewlines: true }),
        ),
    },
  };
}
