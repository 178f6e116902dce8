import { randomBytes, randomUUID } from 'node:crypto';
import type { AuditLog } from '../engine/ports';
import type { Clock } from '../shared/clock';
import { ConflictError, ThrottledError, UnauthenticatedError, ValidationError } from '../shared/errors';
import type { Actor, Role } from '../engine/work-order/actor';
import { AccountAudit } from './account-audit';
import { AccountLifecycle } from './account-lifecycle';
import type { AccountStore, User } from './auth.ports';
import { sha256 } from './hashing';
import { LOGIN_FAILURE_WINDOW_MS, loginWaitSeconds } from './login-throttle';
import { PasswordHasher } from './passwords';
import { TokenExpiry, TokenService } from './token.service';

export { sha256 } from './hashing';
const SESSION_HOURS = 12;

export function toActor(user: User): Actor {
  return { id: user.username, name: user.displayName, city: user.city, role: user.role, unit: user.unit };
}

export interface NewUser {
  username: string;
  password: string;
  city: string;
  displayName: string;
  role: Role;
  unit: string;
  demo?: boolean;
}

/**
 * Logging in and out, sessions with their CSRF token, API tokens for integrations, and users.
 * Passwords are hashed with argon2id; session ids and tokens are stored only as hashes.
 */
export class AuthService {
  readonly tokens: TokenService;
  readonly lifecycle: AccountLifecycle;
  private readonly audit: AccountAudit;

  constructor(
    private readonly accounts: AccountStore,
    private readonly clock: Clock,
    auditLog: AuditLog,
    private readonly passwords: PasswordHasher = new PasswordHasher(),
  ) {
    this.audit = new AccountAudit(auditLog, clock);
    this.tokens = new TokenService(accounts, clock, this.audit);
    this.lifecycle = new AccountLifecycle(accounts, this.audit, passwords);
    void passwords.dummyHash().catch(() => undefined); // made now, not on the first unknown username
  }

  /**
   * LOGIN_THROTTLED (429, retryAfterSeconds) after repeated failures of this username from this
   * address (login-throttle.ts); LOGIN_FAILED for a wrong password or an unknown user alike (both
   * verify an argon2 hash); USER_DISABLED only to whoever knows the password.
   */
  async login(username: string, password: string, ip: string): Promise<{ user: User; sessionId: string; csrfToken: string; expiresAt: Date; lifetimeMs: number }> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - LOGIN_FAILURE_WINDOW_MS);
    const failures = await this.accounts.loginFailures(username, ip, windowStart);
    const wait = loginWaitSeconds(failures.count, failures.last, now);
    if (wait > 0) {
      throw new ThrottledError('LOGIN_THROTTLED', `too many failed logins for this username from this address: try again in ${wait} s`, { retryAfterSeconds: wait });
    }
    const found = await this.accounts.findUserByUsername(username);
    const ok = await this.passwords.verify(found?.passwordHash ?? null, password);
    if (!found || !ok) {
      await this.accounts.recordLoginFailure(username, ip, now);
      throw new UnauthenticatedError('LOGIN_FAILED', 'wrong username or password');
    }
    if (!found.user.active) throw new UnauthenticatedError('USER_DISABLED', 'this account is disabled: an administrator of the city can enable it');
    await this.accounts.clearLoginFailures(username, ip, windowStart);
    const sessionId = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const lifetimeMs = SESSION_HOURS * 3_600_000;
    const expiresAt = new Date(now.getTime() + lifetimeMs);
    await this.accounts.insertSession({ idHash: sha256(sessionId), userId: found.user.id, csrfToken, createdAt: now, expiresAt });
    return { user: found.user, sessionId, csrfToken, expiresAt, lifetimeMs };
  }

  async session(sessionId: string): Promise<{ user: User; csrfToken: string } | null> {
    const stored = await this.accounts.findSession(sha256(sessionId), this.clock.now());
    return stored && stored.user.active ? { user: stored.user, csrfToken: stored.csrfToken } : null;
  }

  async logout(sessionId: string): Promise<void> {
    await this.accounts.deleteSession(sha256(sessionId));
  }

  /** The user of a valid token: unknown, revoked, expired, or a disabled user's token is null. */
  async tokenUser(token: string): Promise<User | null> {
    const user = await this.accounts.useToken(sha256(token), this.clock.now());
    return user && user.active ? user : null;
  }

  /** A new API token of the issuer (shown once); for anyone else TOKEN_FOR_OTHER_USER (token.service.ts). */
  createToken(issuer: User, forUsername: string, name: string, expiry: TokenExpiry = {}): Promise<{ id: string; token: string; username: string; expiresAt: Date }> {
    return this.tokens.issue(issuer, forUsername, name, expiry);
  }

  /**
   * The user's own password, with the current one (PASSWORD_WRONG, 400, naming the field);
   * every other session of the user ends (the one asking, `keepSessionId`, stays).
   */
  async changePassword(user: User, current: string, next: string, keepSessionId?: string): Promise<void> {
    const found = await this.accounts.findUserByUsername(user.username);
    if (!found || !(await this.passwords.verify(found.passwordHash, current))) {
      throw new ValidationError('PASSWORD_WRONG', 'the current password is wrong', [{ path: 'currentPassword', message: 'expected your current password' }]);
    }
    if (current === next) {
      throw new ValidationError('PASSWORD_UNCHANGED', 'the new password is the current one', [{ path: 'newPassword', message: 'expected a password other than the current one' }]);
    }
    await this.accounts.updateUser(user.id, { passwordHash: await this.passwords.hash(next) });
    const ended = await this.accounts.deleteUserSessions(user.id, keepSessionId === undefined ? undefined : sha256(keepSessionId));
    await this.audit.record('user.password-changed', user.username, user, { otherSessionsEnded: ended });
  }

  /** Adds a user (audited as created by `by`: an administrator, or `system` for user:create). */
  async createUser(input: NewUser, by = 'system'): Promise<User> {
    const user: User = {
      id: randomUUID(),
      username: input.username,
      city: input.city,
      displayName: input.displayName,
      role: input.role,
      unit: input.unit,
      active: true,
      demo: input.demo ?? false,
      createdAt: this.clock.now(),
    };
    await this.accounts.insertUser(user, await this.passwords.hash(input.password));
    await this.audit.record('user.created', by, user, { role: user.role, unit: user.unit });
    return user;
  }

  /**
   * Seeds each city's demo directory as users `<city>.<id>` with one documented password (the
   * embedded default; never on a real deployment). Existing users are left alone; not audited.
   */
  async seedDemoUsers(directory: Array<{ city: string; users: Array<{ id: string; name: string; role: Role; unit: string }> }>, password: string): Promise<number> {
    const hash = await this.passwords.hash(password); // one hash: every demo account has the same password
    let added = 0;
    for (const { city, users } of directory) {
      for (const u of users) {
        const username = `${city}.${u.id}`;
        if (await this.accounts.findUserByUsername(username)) continue;
        const user: User = { id: randomUUID(), username, city, displayName: u.name, role: u.role, unit: u.unit, active: true, demo: true, createdAt: this.clock.now() };
        try {
          await this.accounts.insertUser(user, hash);
          added++;
        } catch (err) {
          // several processes starting at once seed together: another one added it first
          if (!(err instanceof ConflictError && err.code === 'USERNAME_TAKEN')) throw err;
        }
      }
    }
    return added;
  }

  async findUser(username: string): Promise<User | null> {
    return (await this.accounts.findUserByUsername(username))?.user ?? null;
  }

  listUsers(city: string): Promise<User[]> {
    return this.accounts.listUsers(city);
  }
}
