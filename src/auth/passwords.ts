import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { z } from 'zod';

/** Fewest characters of any password a person sets (an administrator, the user, user:create). */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/** The one password rule, stated in its refusal. */
export const PasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `expected at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `expected at most ${MAX_PASSWORD_LENGTH} characters`);

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password);
}

let dummy: Promise<string> | undefined;

/** An argon2id hash of a random secret with the same parameters as users' hashes, made once. */
export function dummyHash(): Promise<string> {
  dummy ??= argon2.hash(randomBytes(32).toString('base64url'));
  return dummy;
}

/**
 * Whether the password matches the hash. Without a hash (an unknown user) the password is
 * verified against the dummy hash all the same, so a refusal takes as long either way.
 */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  const ok = await argon2.verify(hash ?? (await dummyHash()), password).catch(() => false);
  return hash !== null && ok;
}
