import { destination, type Logger, pino } from "pino";
import pretty from "pino-pretty";

export type { Logger };

/** How logs are written: a pino level and JSON or human-readable lines. */
export interface LogSettings {
  readonly level: string;
  readonly format: "json" | "pretty";
}

/**
 * Logs go to stderr so that CLI output on stdout stays machine-readable. Pretty output is
 * rendered in-process (no worker thread) because a CLI exits right after its last line.
 */
export function createLogger(settings: LogSettings): Logger {
  if (settings.format === "pretty") {
    return pino({ level: settings.level }, pretty({ destination: 2, sync: true, colorize: true }));
  }
  return pino({ level: settings.level }, destination({ dest: 2, sync: true }));
}
