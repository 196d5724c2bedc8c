/** Helpers the benchmarks share: command-line options, medians, timing. */

/** The value after `--name` on the command line, or `fallback`. */
export function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

/** The median of `values` (the upper one of an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** The result of `action` and the seconds it took. */
export async function timed<T>(action: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const result = await action();
  return [result, Number(process.hrtime.bigint() - start) / 1e9];
}
