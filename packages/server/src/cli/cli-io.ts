import { escapeTerminalText } from "@fleetpatch/core";

/**
 * An output stream: `write` returns false when the reader is behind, and `once("drain")` (where the
 * stream has it) says when to go on, so streamed listings stay bounded in memory (cli/json-stream.ts).
 */
export interface CliOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  once?(event: "drain", listener: () => void): unknown;
}

/** Where a CLI run reads and writes; the real process or a test's buffers. */
export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
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
function pipeSafe(stream: NodeJS.WriteStream): CliOutput {
  let closed = false;
  // Without a listener, EPIPE is an unhandled 'error' event: a stack trace and exit 1.
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") closed = true;
    else throw error;
  });
  const gone = () => closed || stream.destroyed;
  return {
    get isTTY() {
      return stream.isTTY;
    },
    write(text: string) {
      if (gone()) throw new OutputClosedError();
      return stream.write(text);
    },
    once(event: "drain", listener: () => void) {
      // A closed pipe never drains: go on at once, and the next write ends the command.
      if (gone()) return void queueMicrotask(listener);
      const done = () => {
        stream.off(event, done);
        stream.off("close", done);
        listener();
      };
      stream.once(event, done);
      stream.once("close", done);
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
    stdout: escapingOutput(io.stdout, (text) => escapeTerminalText(text, { keepNewlines: true })),
    stderr: escapingOutput(io.stderr, (text) =>
      text.startsWith("\r")
        ? `\r${escapeTerminalText(text.slice(1), { keepNewlines: true })}`
        : escapeTerminalText(text, { keepNewlines: true }),
    ),
  };
}

/** `output` with every write passed through `escapeText`; isTTY and drain are the stream's own. */
function escapingOutput(output: CliOutput, escapeText: (text: string) => string): CliOutput {
  const escaping: CliOutput = {
    get isTTY() {
      return output.isTTY;
    },
    write: (text: string) => output.write(escapeText(text)),
  };
  if (output.once) escaping.once = (event, listener) => output.once?.(event, listener);
  return escaping;
}
