import { InputError } from "@fleetpatch/core";
import { type Command, Option } from "commander";
import type { CliIo } from "../cli/cli-io.js";
import type { ContextOpener } from "../cli/command-context.js";
import { renderTable } from "../cli/table.js";
import {
  type AuthService,
  DEFAULT_TOKEN_LIFETIME_DAYS,
  isTokenLifetime,
  MAX_TOKEN_LIFETIME_DAYS,
} from "./auth.service.js";

/** Parse `--expires-in`: whole days from 1 to 3650, written as digits (not `1.5`, `1e2` or `0x10`). */
function lifetimeDays(value: string): number {
  const days = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!isTokenLifetime(days)) {
    throw new InputError(
      `--expires-in must be a whole number of days from 1 to ${MAX_TOKEN_LIFETIME_DAYS}, not "${value}"`,
    );
  }
  return days;
}

/** `users create|list|disable|enable` and `tokens create|list|revoke`. */
export function registerAuthCommands(program: Command, io: CliIo, open: ContextOpener<{ auth: AuthService }>): void {
  const users = program.command("users").description("users and roles");
  users
    .command("create")
    .description("create a user (roles: admin, operator, analyst, viewer)")
    .requiredOption("--name <name>", "user name")
    .requiredOption("--role <role>", "admin, operator, analyst or viewer")
    .option("--password-stdin", "read the password from standard input (else one is generated and shown once)")
    .action(async (options: { name: string; role: string; passwordStdin?: boolean }, command: Command) => {
      const password = options.passwordStdin ? (await io.readStdin()).replace(/\r?\n$/, "") : undefined;
      await open(command, {}, async (context) => {
        const created = await context.auth.createUser({
          name: options.name,
          role: options.role,
          ...(password !== undefined ? { password } : {}),
        });
        io.stdout.write(`created user ${created.user.name} (${created.user.role})\n`);
        if (created.generatedPassword)
          io.stdout.write(`password: ${created.generatedPassword}\n(shown once; store it now)\n`);
      });
    });
  users
    .command("list")
    .description("list users")
    .action(async (_options: unknown, command: Command) => {
      await open(command, { readOnly: true }, async (context) => {
        const list = await context.auth.listUsers();
        io.stdout.write(
          renderTable(
            ["NAME", "ROLE", "CREATED", "DISABLED"],
            list.map((user) => [user.name, user.role, user.createdAt, user.disabledAt]),
          ),
        );
      });
    });
  users
    .command("disable")
    .description("disable a user: their API tokens stop authenticating until `users enable`")
    .argument("<name>", "user name")
    .action(async (name: string, _options: unknown, command: Command) => {
      await open(command, {}, async (context) => {
        const user = await context.auth.disableUser(name);
        io.stdout.write(`disabled user ${user.name} (since ${user.disabledAt}); their tokens no longer authenticate\n`);
      });
    });
  users
    .command("enable")
    .description("enable a disabled user; their unexpired, unrevoked tokens authenticate again")
    .argument("<name>", "user name")
    .action(async (name: string, _options: unknown, command: Command) => {
      await open(command, {}, async (context) => {
        const user = await context.auth.enableUser(name);
        io.stdout.write(`enabled user ${user.name}\n`);
      });
    });

  const tokens = program.command("tokens").description("API tokens");
  tokens
    .command("create")
    .description("create an API token for a user; it is shown once and stored only as a hash")
    .requiredOption("--user <name>", "the user the token acts as")
    .addOption(
      new Option("--expires-in <days>", `lifetime in whole days, 1–${MAX_TOKEN_LIFETIME_DAYS}`)
        .argParser(lifetimeDays)
        .default(DEFAULT_TOKEN_LIFETIME_DAYS),
    )
    .addOption(new Option("--no-expiry", "a token that never expires").conflicts("expiresIn"))
    .option("--label <text>", "what the token is for")
    .action(async (options: { user: string; expiresIn: number; expiry: boolean; label?: string }, command: Command) => {
      await open(command, {}, async (context) => {
        const created = await context.auth.createToken({
          userName: options.user,
          expiresInDays: options.expiry ? options.expiresIn : null,
          ...(options.label !== undefined ? { label: options.label } : {}),
        });
        io.stdout.write(`${created.token}\n`);
        io.stderr.write(
          `token for ${created.user.name} (${created.user.role}), ${created.expiresAt ? `expires ${created.expiresAt}` : "never expires"}; shown once\n`,
        );
      });
    });
  tokens
    .command("list")
    .description("list API tokens (never their secrets), newest first")
    .option("--user <name>", "only this user's tokens")
    .action(async (options: { user?: string }, command: Command) => {
      await open(command, { readOnly: true }, async (context) => {
        const list = await context.auth.listTokens(options.user !== undefined ? { userName: options.user } : {});
        io.stdout.write(
          renderTable(
            ["ID", "USER", "LABEL", "CREATED", "EXPIRES", "LAST USED", "REVOKED"],
            list.map((token) => [
              token.id,
              token.userName,
              token.label,
              token.createdAt,
              token.expiresAt ?? "never",
              token.lastUsedAt,
              token.revokedAt,
            ]),
          ),
        );
      });
    });
  tokens
    .command("revoke")
    .description("revoke an API token by its id (from `tokens list`); it stops authenticating at once")
    .argument("<id>", "the token's id")
    .action(async (id: string, _options: unknown, command: Command) => {
      await open(command, {}, async (context) => {
        const { token, alreadyRevoked } = await context.auth.revokeToken(id);
        io.stdout.write(
          alreadyRevoked
            ? `token ${token.id} of ${token.userName} was already revoked (${token.revokedAt})\n`
            : `revoked token ${token.id} of ${token.userName}\n`,
        );
      });
    });
}
