import type { Role } from '../engine/work-order/actor';

/** A person who may log in: one city, one role, one unit (the centre for centre roles). */
export interface User {
  id: string;
  username: string;
  city: string;
  displayName: string;
  role: Role;
  unit: string;
  /** False once an administrator disabled the user: no login, no session, no token works. */
  active: boolean;
  /** Seeded from a policy's demo directory (embedded database only). */
  demo: boolean;
  createdAt: Date;
}

export interface StoredSession {
  user: User;
  csrfToken: string;
  expiresAt: Date;
}

/** An API token as its owner and the city's administrators see it: never its secret. */
export interface TokenInfo {
  id: string;
  username: string;
  city: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
}

/** What an administrator may change of a user (GET/PATCH /api/users/{username}). */
export interface UserChanges {
  displayName?: string;
  role?: Role;
  unit?: string;
}

/** Users, sessions, API tokens and failed logins; reads and writes outside any step. */
export interface AccountStore {
  insertUser(user: User, passwordHash: string): Promise<void>;
  findUserByUsername(username: string): Promise<{ user: User; passwordHash: string } | null>;
  listUsers(city: string): Promise<User[]>;
  updateUser(userId: string, changes: UserChanges & { active?: boolean; passwordHash?: string }): Promise<void>;
  insertSession(session: { idHash: string; userId: string; csrfToken: string; createdAt: Date; expiresAt: Date }): Promise<void>;
  /** The unexpired session with this id hash, with its user. */
  findSession(idHash: string, now: Date): Promise<StoredSession | null>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of the user but the one with `keepIdHash`; how many ended. */
  deleteUserSessions(userId: string, keepIdHash?: string): Promise<number>;
  insertToken(token: { id: string; userId: string; name: string; tokenHash: string; createdAt: Date; expiresAt: Date }): Promise<void>;
  /** The unrevoked, unexpired token with this hash, with its user; marks it used. */
  useToken(tokenHash: string, now: Date): Promise<User | null>;
  /** The tokens of a city, or of one user, newest first. */
  listTokens(filter: { city: string; userId?: string }): Promise<TokenInfo[]>;
  findToken(id: string): Promise<TokenInfo | null>;
  /** Revokes the token unless it is already; false when it was. */
  revokeToken(id: string, at: Date, by: string): Promise<boolean>;
  recordLoginFailure(username: string, ip: string, at: Date): Promise<void>;
  /** Failed logins of this username from this address since a moment, and the latest one. */
  loginFailures(username: string, ip: string, since: Date): Promise<{ count: number; last: Date | null }>;
  /** Forgets the failures of this username from this address (a successful login), and older ones of the username. */
  clearLoginFailures(username: string, ip: string, before: Date): Promise<void>;
}
