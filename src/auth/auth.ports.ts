import type { Role } from '../engine/work-order/actor';

/** A person who may log in: one city, one role, one unit (the centre for centre roles). */
export interface User {
  id: string;
  username: string;
  city: string;
  displayName: string;
  role: Role;
  unit: string;
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

/** Users, sessions, API tokens and failed logins; reads and writes outside any step. */
export interface AccountStore {
  insertUser(user: User, passwordHash: string): Promise<void>;
  findUserByUsername(username: string): Promise<{ user: User; passwordHash: string } | null>;
  listUsers(city: string): Promise<User[]>;
  insertSession(session: { idHash: string; userId: string; csrfToken: string; createdAt: Date; expiresAt: Date }): Promise<void>;
  /** The unexpired session with this id hash, with its user. */
  findSession(idHash: string, now: Date): Promise<StoredSession | null>;
  deleteSession(idHash: string): Promise<void>;
  insertToken(token: { id: string; userId: string; name: string; tokenHash: string; createdAt: Date }): Promise<void>;
  /** The unrevoked token with this hash, with its user; marks it used. */
  useToken(tokenHash: string, now: Date): Promise<User | null>;
  recordLoginFailure(username: string, ip: string, at: Date): Promise<void>;
  countLoginFailures(username: string, ip: string, since: Date): Promise<{ byUsername: number; byIp: number }>;
}
