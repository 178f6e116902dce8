import { createHash, randomBytes, randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import type { Clock } from '../shared/clock';
import { ConflictError, ForbiddenError, ThrottledError, UnauthenticatedError, ValidationError } from '../shared/errors';
import type { Actor, Role } from '../engine/work-order/actor';
import type { AccountStore, User } from './auth.ports';

/** Failed logins allowed per username (and per address, ×5) within a minute before refusing. */
export const LOGIN_FAILURES_PER_MINUTE = 10;
const SESSION_HOURS = 12;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

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
  constructor(
    private readonly accounts: AccountStore,
    private readonly clock: Clock,
  ) {}

  async login(username: string, password: string, ip: string): Promise<{ user: User; sessionId: string; csrfToken: string; expiresAt: Date }> {
    const now = this.clock.now();
    const failures = await this.accounts.countLoginFailures(username, ip, new Date(now.getTime() - 60_000));
    if (failures.byUsername >= LOGIN_FAILURES_PER_MINUTE || failures.byIp >= LOGIN_FAILURES_PER_MINUTE * 5) {
      throw new ThrottledError('LOGIN_THROTTLED', 'too many failed logins: wait a minute and try again', { retryAfterSeconds: 60 });
    }
    const found = await this.accounts.findUserByUsername(username);
    const ok = found !== null && found.user.active && (await argon2.verify(found.passwordHash, password).catch(() => false));
    if (!found || !ok) {
      await this.accounts.recordLoginFailure(username, ip, now);
      throw new UnauthenticatedError('LOGIN_FAILED', 'wrong username or password');
    }
    const sessionId = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
    await this.accounts.insertSession({ idHash: sha256(sessionId), userId: found.user.id, csrfToken, createdAt: now, expiresAt });
    return { user: found.user, sessionId, csrfToken, expiresAt };
  }

  async session(sessionId: string): Promise<{ user: User; csrfToken: string } | null> {
    const stored = await this.accounts.findSession(sha256(sessionId), this.clock.now());
    return stored && stored.user.active ? { user: stored.user, csrfToken: stored.csrfToken } : null;
  }

  async logout(sessionId: string): Promise<void> {
    await this.accounts.deleteSession(sha256(sessionId));
  }

  async tokenUser(token: string): Promise<User | null> {
    const user = await this.accounts.useToken(sha256(token), this.clock.now());
    return user && user.active ? user : null;
  }

  /** A new API token for the user (shown once); only an administrator may issue one for someone else. */
  async createToken(issuer: User, forUsername: string, name: string): Promise<{ token: string; username: string }> {
    const target = forUsername === issuer.username ? issuer : (await this.accounts.findUserByUsername(forUsername))?.user;
    if (!target) throw new ValidationError('USER_NOT_FOUND', `no user "${forUsername}"`, [{ path: 'username', message: 'expected an existing username' }]);
    if (target.id !== issuer.id && (issuer.role !== 'admin' || issuer.city !== target.city)) {
      throw new ForbiddenError('ROLE_NOT_ALLOWED', 'only an administrator of the city may issue tokens for others');
    }
    const token = `mh_${randomBytes(32).toString('base64url')}`;
    await this.accounts.insertToken({ id: randomUUID(), userId: target.id, name, tokenHash: sha256(token), createdAt: this.clock.now() });
    return { token, username: target.username };
  }

  async createUser(input: NewUser): Promise<User> {
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
    await this.accounts.insertUser(user, await argon2.hash(input.password));
    return user;
  }

  /**
   * Seeds each city's demo directory as users `<city>.<id>` with one documented password (the
   * embedded default; never on a real deployment). Existing users are left alone.
   */
  async seedDemoUsers(directory: Array<{ city: string; users: Array<{ id: string; name: string; role: Role; unit: string }> }>, password: string): Promise<number> {
    const hash = await argon2.hash(password); // one hash: every demo account has the same password
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
