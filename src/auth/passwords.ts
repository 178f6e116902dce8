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

/** The argon2id cost of new hashes: memory in KiB, passes, lanes. A hash keeps its own, so verifying reads it from the hash. */
export interface PasswordHashCost {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** argon2's recommended cost (64 MiB, 3 passes, 4 lanes): what every deployment uses. */
export const PASSWORD_HASH_COST: Readonly<PasswordHashCost> = { memoryCost: 65_536, timeCost: 3, parallelism: 4 };

/**
 * Hashes and verifies passwords with argon2id at one cost. Without a hash (an unknown user) a
 * password is verified against a dummy hash of the same cost all the same, so a refusal takes
 * as long either way.
 */
export class PasswordHasher {
  private dummy: Promise<string> | undefined;

  constructor(private readonly cost: Readonly<PasswordHashCost> = PASSWORD_HASH_COST) {}

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, ...this.cost });
  }

  /** An argon2id hash of a random secret at this cost, made once. */
  dummyHash(): Promise<string> {
    this.dummy ??= this.hash(randomBytes(32).toString('base64url'));
    return this.dummy;
  }

  /** Whether the password matches the hash (null: an unknown user, never a match). */
  async verify(hash: string | null, password: string): Promise<boolean> {
    const ok = await argon2.verify(hash ?? (await this.dummyHash()), password).catch(() => false);
    return hash !== null && ok;
  }
}
