import { sql, type Kysely, type Selectable } from 'kysely';
import type { AccountStore, StoredSession, User } from '../../auth/auth.ports';
import type { Role } from '../../engine/work-order/actor';
import { ConflictError } from '../../shared/errors';
import type { DatabaseSchema, UsersTable } from '../database.types';
import { isUniqueViolation } from '../pg-errors';

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    username: row.username,
    city: row.city,
    displayName: row.display_name,
    role: row.role as Role,
    unit: row.unit,
    active: row.active,
    demo: row.demo,
    createdAt: row.created_at,
  };
}

const USER_COLUMNS = ['users.id', 'users.username', 'users.city', 'users.display_name', 'users.role', 'users.unit', 'users.active', 'users.demo', 'users.created_at'] as const;

/** Users, sessions, API tokens and failed logins (src/auth/auth.ports.ts). */
export function createAccountRepository(db: Kysely<DatabaseSchema>): AccountStore {
  return {
    async insertUser(user: User, passwordHash: string): Promise<void> {
      try {
        await db
          .insertInto('users')
          .values({
            id: user.id,
            username: user.username,
            city: user.city,
            display_name: user.displayName,
            role: user.role,
            unit: user.unit,
            password_hash: passwordHash,
            active: user.active,
            demo: user.demo,
            created_at: user.createdAt,
          })
          .execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw new ConflictError('USERNAME_TAKEN', `the username "${user.username}" is taken`, { username: user.username });
        throw err;
      }
    },

    async findUserByUsername(username: string) {
      const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
      return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
    },

    async listUsers(city: string): Promise<User[]> {
      const rows = await db.selectFrom('users').selectAll().where('city', '=', city).orderBy('username').execute();
      return rows.map(toUser);
    },

    async insertSession(s): Promise<void> {
      await db
        .insertInto('sessions')
        .values({ id_hash: s.idHash, user_id: s.userId, csrf_token: s.csrfToken, created_at: s.createdAt, expires_at: s.expiresAt })
        .execute();
    },

    async findSession(idHash: string, now: Date): Promise<StoredSession | null> {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select([...USER_COLUMNS, 'sessions.csrf_token', 'sessions.expires_at'])
        .where('sessions.id_hash', '=', idHash)
        .where('sessions.expires_at', '>', now)
        .executeTakeFirst();
      if (!row) return null;
      return { user: toUser({ ...row, password_hash: '' }), csrfToken: row.csrf_token, expiresAt: row.expires_at };
    },

    async deleteSession(idHash: string): Promise<void> {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },

    async insertToken(t): Promise<void> {
      await db.insertInto('api_tokens').values({ id: t.id, user_id: t.userId, name: t.name, token_hash: t.tokenHash, created_at: t.createdAt }).execute();
    },

    async useToken(tokenHash: string, now: Date): Promise<User | null> {
      const row = await db
        .updateTable('api_tokens')
        .set({ last_used_at: now })
        .from('users')
        .whereRef('users.id', '=', 'api_tokens.user_id')
        .where('api_tokens.token_hash', '=', tokenHash)
        .where('api_tokens.revoked_at', 'is', null)
        .returning([...USER_COLUMNS])
        .executeTakeFirst();
      return row ? toUser({ ...row, password_hash: '' }) : null;
    },

    async recordLoginFailure(username: string, ip: string, at: Date): Promise<void> {
      await db.insertInto('login_failures').values({ username, ip, at }).execute();
    },

    async countLoginFailures(username: string, ip: string, since: Date) {
      const row = await db
        .selectFrom('login_failures')
        .select([
          sql<number>`count(*) filter (where username = ${username})`.as('by_username'),
          sql<number>`count(*) filter (where ip = ${ip})`.as('by_ip'),
        ])
        .where('at', '>=', since)
        .where((eb) => eb.or([eb('username', '=', username), eb('ip', '=', ip)]))
        .executeTakeFirstOrThrow();
      return { byUsername: Number(row.by_username), byIp: Number(row.by_ip) };
    },
  };
}
