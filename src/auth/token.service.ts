import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../shared/clock';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import type { AccountAudit } from './account-audit';
import type { AccountStore, TokenInfo, User } from './auth.ports';
import { sha256 } from './hashing';

/** A token lives this many days unless its issuer asks for fewer (or more, up to the maximum). */
export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 365;
const DAY_MS = 86_400_000;

/** When a new token expires: `expiresInDays` or `expiresAt`, never both; the default when neither. */
export interface TokenExpiry {
  expiresInDays?: number;
  expiresAt?: Date;
}

/**
 * API tokens for integrations: issued to oneself only (an administrator cannot act as someone
 * else through a token), listed without their secret, revoked by their owner or an
 * administrator of the city, refused once expired or revoked or while their user is disabled.
 */
export class TokenService {
  constructor(
    private readonly accounts: AccountStore,
    private readonly clock: Clock,
    private readonly audit: AccountAudit,
  ) {}

  /** A new token for the issuer (its secret shown once). TOKEN_FOR_OTHER_USER (403) for anyone else. */
  async issue(issuer: User, forUsername: string, name: string, expiry: TokenExpiry = {}): Promise<{ id: string; token: string; username: string; expiresAt: Date }> {
    if (forUsername !== issuer.username) {
      throw new ForbiddenError(
        'TOKEN_FOR_OTHER_USER',
        'a token is issued only to the user who asks for it: an integration gets its own user, who logs in and issues its token',
        { username: forUsername },
      );
    }
    const now = this.clock.now();
    const expiresAt = this.expiry(expiry, now);
    const token = `mh_${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    await this.accounts.insertToken({ id, userId: issuer.id, name, tokenHash: sha256(token), createdAt: now, expiresAt });
    await this.audit.record('token.issued', issuer.username, issuer, { tokenId: id, name, expiresAt: expiresAt.toISOString() });
    return { id, token, username: issuer.username, expiresAt };
  }

  /** A city administrator sees every token of the city; anyone else their own. */
  list(viewer: User): Promise<TokenInfo[]> {
    return this.accounts.listTokens({ city: viewer.city, ...(viewer.role !== 'admin' && { userId: viewer.id }) });
  }

  /** Revokes a token of the caller, or (an administrator) of the city; revoking it again changes nothing. */
  async revoke(by: User, id: string): Promise<TokenInfo> {
    const token = await this.accounts.findToken(id);
    const mayRevoke = token !== null && token.city === by.city && (token.username === by.username || by.role === 'admin');
    if (!token || !mayRevoke) throw new NotFoundError('TOKEN_NOT_FOUND', `no token ${id} that you may revoke`, { id });
    const now = this.clock.now();
    if (await this.accounts.revokeToken(id, now, by.username)) {
      await this.audit.record('token.revoked', by.username, token, { tokenId: id, name: token.name });
      return { ...token, revokedAt: now, revokedBy: by.username };
    }
    return token;
  }

  private expiry(e: TokenExpiry, now: Date): Date {
    if (e.expiresAt !== undefined && e.expiresInDays !== undefined) {
      throw invalidExpiry('expiresAt', 'expected expiresAt or expiresInDays, not both');
    }
    if (e.expiresAt === undefined) {
      const days = e.expiresInDays ?? TOKEN_DEFAULT_DAYS;
      if (!Number.isInteger(days) || days < 1 || days > TOKEN_MAX_DAYS) {
        throw invalidExpiry('expiresInDays', `expected a whole number of days from 1 to ${TOKEN_MAX_DAYS}`);
      }
      return new Date(now.getTime() + days * DAY_MS);
    }
    if (e.expiresAt.getTime() <= now.getTime() || e.expiresAt.getTime() > now.getTime() + TOKEN_MAX_DAYS * DAY_MS) {
      throw invalidExpiry('expiresAt', `expected a moment after now and at most ${TOKEN_MAX_DAYS} days ahead`);
    }
    return e.expiresAt;
  }
}

function invalidExpiry(path: string, message: string): ValidationError {
  return new ValidationError('TOKEN_EXPIRY_INVALID', `the token's expiry is not valid: ${path}: ${message}`, [{ path, message }]);
}
