import { createHash, randomBytes, randomUUID, scrypt, timingSafeEqual } from "node:crypto";

/**
 * The crypto port: password and token cryptography, random identifiers. Services reach
 * `node:crypto` only through here. Passwords use scrypt (memory-hard, in Node's standard library,
 * no native add-on); API tokens are 256 random bits, so a plain SHA-256 of them is enough to store.
 */

const SCRYPT = { N: 16_384, r: 8, p: 1, keyLength: 64 } as const;

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password, salt, keyLength, { N, r, p, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Hash a password as `scrypt$N$r$p$salt$hash` (base64url parts) so parameters can rise later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength);
  return ["scrypt", SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** Check a password against a stored hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !N || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await scryptAsync(
    password,
    Buffer.from(salt, "base64url"),
    Number(N),
    Number(r),
    Number(p),
    expected.length,
  );
  return timingSafeEqual(key, expected);
}

/** Prefix that makes fleetpatch tokens recognisable to secret scanners. */
export const TOKEN_PREFIX = "fpt_";

/** A new random API token; shown to the user once and never stored in clear. */
export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** The stored form of a token. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A random password for users created without one. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

/** A random UUID for new rows. */
export function randomId(): string {
  return randomUUID();
}
