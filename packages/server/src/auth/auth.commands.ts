import { InputError } from "@fleetpatch/core";
import type { Command } from "commander";
import type { CliIo } from "../cli/cli-io.js";
import type { ContextOpener } from "../cli/command-context.js";
import { renderTable } from "../cli/table.js";
import { type AuthService, DEFAULT_TOKEN_LIFETIME_DAYS } from "./auth.service.js";

/** `users create|list` and `tokens create`. */
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
      await open(command, {}, async (context) => {
        const list = await context.auth.listUsers();
        io.stdout.write(
          renderTable(
            ["NAME", "ROLE", "CREATED"],
            list.map((user) => [user.name, user.role, user.createdAt]),
          ),
        );
      });
    });

  const tokens = program.command("tokens").description("API tokens");
  tokens
    .command("create")
    .description("create an API token for a user; it is shown once and stored only as a hash")
    .requiredOption("--user <name>", "the user the token acts as")
    .option("--expires-in <days>", "lifetime in days", String(DEFAULT_TOKEN_LIFETIME_DAYS))
    .option("--no-expiry", "a token that never expires")
    .option("--label <text>", "what the token is for")
    .action(async (options: { user: string; expiresIn: string; expiry: boolean; label?: string }, command: Command) => {
      const days = Number(options.expiresIn);
      if (options.expiry && !Number.isFinite(days)) throw new InputError("--expires-in takes a number of days");
      await open(command, {}, async (context) => {
        const created = await context.auth.createToken({
          userName: options.user,
          expiresInDays: options.expiry ? days : null,
          ...(options.label !== undefined ? { label: options.label } : {}),
        });
        io.stdout.write(`${created.token}\n`);
        io.stderr.write(
          `token for ${created.user.name} (${created.user.role}), ${created.expiresAt ? `expires ${created.expiresAt}` : "never expires"}; shown once\n`,
        );
      });
    });
}
