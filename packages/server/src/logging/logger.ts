import { destination, type Logger, pino } from "pino";
import pretty from "pino-pretty";
import type { Config } from "../config/config.js";

export type { Logger };

/**
 * Logs go to stderr so that CLI output on stdout stays machine-readable. Pretty output is
 * rendered in-process (no worker thread) because a CLI exits right after its last line.
 */
export function createLogger(config: Pick<Config, "log">): Logger {
  if (config.log.format === "pretty") {
    return pino({ level: config.log.level }, pretty({ destination: 2, sync: true, colorize: true }));
  }
  return pino({ level: config.log.level }, destination({ dest: 2, sync: true }));
}
