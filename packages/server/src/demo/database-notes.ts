import { existsSync } from "node:fs";
import { DEFAULT_DATABASE } from "../config/config.js";
import { DEMO_DATABASE } from "./demo.js";

/** How the user started the CLI, so printed commands can be pasted as they are. */
export function cliInvocation(env: Readonly<Record<string, string | undefined>>): string {
  // npm sets npm_command=exec for `npx fleetpatch …`; a global or linked install is just `fleetpatch`.
  return env.npm_command === "exec" ? "npx fleetpatch" : "fleetpatch";
}

/** `value` quoted for a POSIX shell when it needs to be. */
export function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * What to tell a user whose command is about to use the default database although it does not
 * exist yet: which database that is — unless the command only reads, whose error names it anyway —
 * and, when the demo has run here, how to reach the demo's instead. Without this, `fleetpatch
 * findings` after `fleetpatch demo` looked at another, empty database without a word. Empty when
 * the user named a database or the default one exists. An empty FLEETPATCH_DATABASE_URL counts as
 * unset, as in the configuration.
 */
export function defaultDatabaseNotes(
  env: Readonly<Record<string, string | undefined>>,
  databaseFlag: string | undefined,
  options: { readOnly?: boolean } = {},
): string[] {
  if (databaseFlag !== undefined || env.FLEETPATCH_DATABASE_URL || existsSync(DEFAULT_DATABASE)) return [];
  const notes = options.readOnly
    ? []
    : [
        `note: using the default database ${DEFAULT_DATABASE}, which does not exist yet (--db or FLEETPATCH_DATABASE_URL names another)`,
      ];
  if (existsSync(DEMO_DATABASE)) {
    notes.push(
      `note: the demo's database is ${DEMO_DATABASE}: ${cliInvocation(env)} --db ${shellWord(DEMO_DATABASE)} findings`,
    );
  }
  return notes;
}
