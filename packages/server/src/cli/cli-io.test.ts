import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { type CliIo, terminalSafeIo } from "./cli-io.js";
import { writeChunk } from "./json-stream.js";

/** A real stream that takes a chunk per event-loop turn and asks writers to wait beyond 4 bytes. */
function slowStream(): Writable & { text: string } {
  const stream = new Writable({
    highWaterMark: 4,
    write(chunk, _encoding, done) {
      stream.text += String(chunk);
      setImmediate(done);
    },
  }) as Writable & { text: string };
  stream.text = "";
  return stream;
}

function ioOver(stdout: Writable): CliIo {
  return {
    stdout: stdout as unknown as CliIo["stdout"],
    stderr: { write: () => true },
    env: {},
    readStdin: async () => "",
    untilStopped: async () => {},
  };
}

describe("terminalSafeIo", () => {
  it("keeps the stream's backpressure: a streamed write waits for drain, so a slow reader bounds memory", async () => {
    const stdout = slowStream();
    const io = terminalSafeIo(ioOver(stdout));
    await writeChunk(io, "a long line of findings\n");
    expect(stdout.writableNeedDrain).toBe(false);
    expect(stdout.text).toBe("a long line of findings\n");
  });

  it("escapes what it writes and keeps line feeds; on stderr a leading carriage return too", () => {
    let out = "";
    let err = "";
    const io = terminalSafeIo({
      stdout: { write: (text: string) => (out += text) },
      stderr: { write: (text: string) => (err += text) },
      env: {},
      readStdin: async () => "",
      untilStopped: async () => {},
    });
    io.stdout.write("asset gw\u001b]0;pwned\u0007\r: 3 components\n");
    io.stderr.write("\rreading OSV files 3/9\u001b[2J");
    expect(out).toBe("asset gw\\u001b]0;pwned\\u0007\\u000d: 3 components\n");
    expect(err).toBe("\rreading OSV files 3/9\\u001b[2J");
  });
});
