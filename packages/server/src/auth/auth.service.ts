import {
  AuthenticationError,
  ConflictError,
  InputError,
  isRole,
  NotAllowedError,
  NotFoundError,
  type Permission,
  type Principal,
  ROLES,
  roleHasPermission,
} from "@fleetpatch/core";
import {
  type Clock,
  generatePassword,
  generateToken,
  hashPassword,
  hashToken,
  TOKEN_PREFIX,
} from "../platform/index.js";
import type { UserRecord, UsersStore } from "./auth.store.js";

/** Tokens live 90 days unless the creator says otherwise. */
export const DEFAULT_TOKEN_LIFETIME_DAYS = 90;

/** Only write last_used_at when it is older than this, so reads do not become writes. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** Users, tokens, authentication and authorisation. */
export class AuthService {
  constructor(
    private readonly store: UsersStore,
    private readonly clock: Clock,
  ) {}

  /** Create a user; when no password is given one is generated and returned once. */
  async createUser(input: { name: string; role: string; password?: string }): Promise<{
    user: UserRecord;
    generatedPassword?: string;
  }> {
    if (!NAME_PATTERN.test(input.name)) {
      throw new InputError(
        `user name "${input.name}" must be 1–64 letters, digits or . _ @ -, starting with a letter or digit`,
      );
    }
    if (!isRole(input.role)) throw new InputError(`role must be one of ${ROLES.join(", ")}, not "${input.role}"`);
    if (input.password !== undefined && input.password.length < 12) {
      throw new InputError("a password needs at least 12 characters");
    }
    if (await this.store.findUserByName(input.name)) throw new ConflictError(`a user named "${input.name}" exists`);
    const password = input.password ?? generatePassword();
    const user = await this.store.insertUser({
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(password),
      createdAt: this.clock.now().toISOString(),
    });
    return input.password === undefined ? { user, generatedPassword: password } : { user };
  }

  /** Issue an API token for a user; the clear token is returned here and never again. */
  async createToken(input: { userName: string; expiresInDays: number | null; label?: string }): Promise<{
    token: string;
    expiresAt: string | null;
    user: UserRecord;
  }> {
    const user = await this.store.findUserByName(input.userName);
    if (!user) throw new NotFoundError(`no user named "${input.userName}"`);
    if (input.expiresInDays !== null && !(input.expiresInDays > 0 && input.expiresInDays <= 3650)) {
      throw new InputError("a token's lifetime must be between 1 and 3650 days");
    }
    const now = this.clock.now();
    const expiresAt =
      input.expiresInDays === null ? null : new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString();
    const token = generateToken();
    await this.store.insertToken({
      userId: user.id,
      tokenHash: hashToken(token),
      label: input.label ?? null,
      expiresAt,
      createdAt: now.toISOString(),
    });
    return { token, expiresAt, user };
  }

  /** The principal behind a bearer token, or AuthenticationError. */
  async authenticate(token: string | undefined): Promise<Principal> {
    if (!token?.startsWith(TOKEN_PREFIX)) throw new AuthenticationError();
    const owner = await this.store.findTokenOwner(hashToken(token));
    if (!owner) throw new AuthenticationError("the API token is not valid");
    const now = this.clock.now();
    if (owner.expiresAt !== null && owner.expiresAt <= now.toISOString()) {
      throw new AuthenticationError("the API token has expired");
    }
    if (owner.lastUsedAt === null || now.getTime() - Date.parse(owner.lastUsedAt) > TOUCH_INTERVAL_MS) {
      await this.store.touchToken(owner.tokenId, now.toISOString());
    }
    return { userId: owner.id, name: owner.name, role: owner.role };
  }

  /** Throw NotAllowedError unless the principal's role grants the permission. */
  authorize(principal: Principal, permission: Permission): void {
    if (!roleHasPermission(principal.role, permission)) {
      throw new NotAllowedError(`the ${principal.role} role does not grant ${permission}`);
    }
  }

  /** All users. */
  listUsers(): Promise<UserRecord[]> {
    return this.store.listUsers();
  }
}
