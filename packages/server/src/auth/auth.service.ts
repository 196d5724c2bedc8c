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
  type Logger,
  TOKEN_PREFIX,
} from "../platform/index.js";
import type { TokenOwner, TokenRecord, UserRecord, UsersStore } from "./auth.store.js";

/** Tokens live 90 days unless the creator says otherwise. */
export const DEFAULT_TOKEN_LIFETIME_DAYS = 90;

/** The longest lifetime a token may be given, in days (ten years). */
export const MAX_TOKEN_LIFETIME_DAYS = 3650;

/** Only write last_used_at when it is older than this, so reads do not become writes. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

/** True for a lifetime `createToken` accepts: whole days from 1 to 3650. */
export function isTokenLifetime(days: number): boolean {
  return Number.isInteger(days) && days >= 1 && days <= MAX_TOKEN_LIFETIME_DAYS;
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** Users, tokens, authentication and authorisation. */
export class AuthService {
  /** Token uses not yet written, by token id: the latest time each was used. */
  private readonly pendingUse = new Map<string, string>();
  /** When this process last queued a use of each token, so a failing write is not retried per request. */
  private readonly lastQueued = new Map<string, number>();
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly store: UsersStore,
    private readonly clock: Clock,
    private readonly logger?: Pick<Logger, "debug">,
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
    if (input.expiresInDays !== null && !isTokenLifetime(input.expiresInDays)) {
      throw new InputError(
        `a token's lifetime must be a whole number of days from 1 to ${MAX_TOKEN_LIFETIME_DAYS}, not ${input.expiresInDays}`,
      );
    }
    const user = await this.store.findUserByName(input.userName);
    if (!user) throw new NotFoundError(`no user named "${input.userName}"`);
    if (user.disabledAt !== null) throw new ConflictError(`user "${user.name}" is disabled; enable it first`);
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

  /**
   * The principal behind a bearer token, or AuthenticationError. Authentication only reads: the
   * token's use is recorded beside it (see recordUse), so it never waits for or fails on a write
   * lock that another process holds.
   */
  async authenticate(token: string | undefined): Promise<Principal> {
    if (!token?.startsWith(TOKEN_PREFIX)) throw new AuthenticationError();
    const owner = await this.store.findTokenOwner(hashToken(token));
    if (!owner) throw new AuthenticationError("the API token is not valid");
    const now = this.clock.now();
    if (owner.revokedAt !== null) throw new AuthenticationError("the API token has been revoked");
    if (owner.disabledAt !== null) throw new AuthenticationError(`user "${owner.name}" is disabled`);
    if (owner.expiresAt !== null && owner.expiresAt <= now.toISOString()) {
      throw new AuthenticationError("the API token has expired");
    }
    this.recordUse(owner, now);
    return { userId: owner.id, name: owner.name, role: owner.role };
  }

  /**
   * Queue the token's use and start writing it without waiting. At most one write per token per
   * interval is attempted, even when writes fail, so a busy database costs nothing per request.
   */
  private recordUse(owner: TokenOwner, now: Date): void {
    const stored = owner.lastUsedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(owner.lastUsedAt);
    const queued = this.lastQueued.get(owner.tokenId) ?? Number.NEGATIVE_INFINITY;
    if (now.getTime() - Math.max(stored, queued) <= TOUCH_INTERVAL_MS) return;
    this.lastQueued.set(owner.tokenId, now.getTime());
    this.pendingUse.set(owner.tokenId, now.toISOString());
    void this.flushTokenUse();
  }

  /**
   * Write the queued token uses; resolves when the attempt is over and never rejects. `last_used_at`
   * is advisory: when the database is busy or away (SQLITE_BUSY, UnavailableError, a PostgreSQL
   * lock timeout) the uses stay queued for the next attempt and the failure is logged at debug.
   */
  flushTokenUse(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => (this.pendingUse.size > 0 ? this.flushTokenUse() : undefined));
    if (this.pendingUse.size === 0) return Promise.resolve();
    const uses = [...this.pendingUse].map(([id, at]) => ({ id, at }));
    this.pendingUse.clear();
    this.flushing = this.store
      .recordTokenUse(uses)
      .catch((error: unknown) => {
        for (const use of uses) if (!this.pendingUse.has(use.id)) this.pendingUse.set(use.id, use.at);
        this.logger?.debug({ err: error, tokens: uses.length }, "token use not recorded yet; the database is busy");
      })
      .finally(() => {
        this.flushing = undefined;
      });
    return this.flushing;
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

  /**
   * Disable a user: their tokens stop authenticating until the user is enabled again. Over the API
   * (`asker` given) nobody disables themselves, so an admin cannot lock out the last way back in
   * by mistake; the CLI, which has the database itself, may.
   */
  async disableUser(name: string, asker?: Principal): Promise<UserRecord> {
    const user = await this.requireUser(name);
    if (asker && asker.userId === user.id) throw new ConflictError("you cannot disable your own user");
    await this.store.setUserDisabled(user.id, this.clock.now().toISOString());
    return this.requireUser(name);
  }

  /** Enable a disabled user again; their unexpired, unrevoked tokens authenticate again. */
  async enableUser(name: string): Promise<UserRecord> {
    const user = await this.requireUser(name);
    await this.store.setUserDisabled(user.id, null);
    return this.requireUser(name);
  }

  /**
   * API tokens, newest first, never their secrets. Without `asker` (the CLI) or for a role that
   * may read users, every token or one user's; anyone else sees only their own.
   */
  async listTokens(filter: { userName?: string } = {}, asker?: Principal): Promise<TokenRecord[]> {
    if (asker && !roleHasPermission(asker.role, "users:read")) {
      if (filter.userName !== undefined && filter.userName !== asker.name) this.authorize(asker, "users:read");
      return this.store.listTokens({ userId: asker.userId });
    }
    if (filter.userName === undefined) return this.store.listTokens();
    return this.store.listTokens({ userId: (await this.requireUser(filter.userName)).id });
  }

  /**
   * Revoke a token by id; it stops authenticating at once. Revoking a revoked token changes
   * nothing. Over the API a caller may revoke their own tokens, and any token with users:write;
   * someone else's token is "not found" to them, so ids of other users' tokens are not confirmed.
   */
  async revokeToken(id: string, asker?: Principal): Promise<{ token: TokenRecord; alreadyRevoked: boolean }> {
    const token = await this.store.findToken(id);
    const visible =
      token !== undefined &&
      (asker === undefined || token.userId === asker.userId || roleHasPermission(asker.role, "users:write"));
    if (!visible) throw new NotFoundError(`no API token with id "${id}"`);
    if (token.revokedAt !== null) return { token, alreadyRevoked: true };
    await this.store.revokeToken(id, this.clock.now().toISOString());
    const revoked = await this.store.findToken(id);
    if (!revoked) throw new NotFoundError(`no API token with id "${id}"`);
    return { token: revoked, alreadyRevoked: false };
  }

  private async requireUser(name: string): Promise<UserRecord> {
    const user = await this.store.findUserByName(name);
    if (!user) throw new NotFoundError(`no user named "${name}"`);
    return user;
  }
}
