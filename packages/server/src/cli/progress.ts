import type { CliIo } from "./cli-io.js";

/**
 * A progress line on stderr that rewrites itself on a terminal and stays silent otherwise, so
 * scripts and CI logs get only the final summary.
 */
export function progressReporter(io: CliIo, label: string): { update(done: number, total: number): void; end(): void } {
  const tty = io.stderr.isTTY === true;
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      if (!tty) return;
      const now = Date.now();
      if (done !== total && now - last < 100) return;
      last = now;
      shown = true;
      io.stderr.write(`\r${label} ${done}/${total}`);
    },
    end() {
      if (shown) io.stderr.write("\n");
    },
  };
}
