import type { Kysely, Selectable } from 'kysely';
import type { AccountStore, StoredSession, TokenInfo, User } from '../../auth/auth.ports';
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

interface TokenRow {
  id: string;
  username: string;
  city: string;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
}

function toTokenInfo(r: TokenRow): TokenInfo {
  return {
    id: r.id,
    username: r.username,
    city: r.city,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by,
  };
}

/** Users, sessions, API tokens and failed logins (src/auth/auth.ports.ts). */
export function createAccountRepository(db: Kysely<DatabaseSchema>): AccountStore {
  const tokenRows = () =>
    db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select([
        'api_tokens.id',
        'users.username',
        'users.city',
        'api_tokens.name',
        'api_tokens.created_at',
        'api_tokens.last_used_at',
        'api_tokens.expires_at',
        'api_tokens.revoked_at',
        'api_tokens.revoked_by',
      ]);
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

    async updateUser(userId, changes): Promise<void> {
      const set = {
        ...(changes.displayName !== undefined && { display_name: changes.displayName }),
        ...(changes.role !== undefined && { role: changes.role }),
        ...(changes.unit !== undefined && { unit: changes.unit }),
        ...(changes.active !== undefined && { active: changes.active }),
        ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash }),
      };
      if (Object.keys(set).length > 0) await db.updateTable('users').set(set).where('id', '=', userId).execute();
    },

    async deleteUserSessions(userId: string, keepIdHash?: string): Promise<number> {
      let query = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (keepIdHash !== undefined) query = query.where('id_hash', '<>', keepIdHash);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async insertToken(t): Promise<void> {
      await db
        .insertInto('api_tokens')
        .values({ id: t.id, user_id: t.userId, name: t.name, token_hash: t.tokenHash, created_at: t.createdAt, expires_at: t.expiresAt })
        .execute();
    },

    async useToken(tokenHash: string, now: Date): Promise<User | null> {
      const row = await db
        .updateTable('api_tokens')
        .set({ last_used_at: now })
        .from('users')
        .whereRef('users.id', '=', 'api_tokens.user_id')
        .where('api_tokens.token_hash', '=', tokenHash)
        .where('api_tokens.revoked_at', 'is', null)
        .where('api_tokens.expires_at', '>', now)
        .returning([...USER_COLUMNS])
        .executeTakeFirst();
      return row ? toUser({ ...row, password_hash: '' }) : null;
    },

    async listTokens(filter): Promise<TokenInfo[]> {
      let query = tokenRows().where('users.city', '=', filter.city);
      if (filter.userId !== undefined) query = query.where('api_tokens.user_id', '=', filter.userId);
      return (await query.orderBy('api_tokens.created_at', 'desc').orderBy('api_tokens.id').execute()).map(toTokenInfo);
    },

    async findToken(id: string): Promise<TokenInfo | null> {
      const row = await tokenRows().where('api_tokens.id', '=', id).executeTakeFirst();
      return row ? toTokenInfo(row) : null;
    },

    async revokeToken(id: string, at: Date, by: string): Promise<boolean> {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: at, revoked_by: by })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async recordLoginFailure(username: string, ip: string, at: Date): Promise<void> {
      await db.insertInto('login_failures').values({ username, ip, at }).execute();
    },

    async loginFailures(username: string, ip: string, since: Date) {
      const row = await db
        .selectFrom('login_failures')
        .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.max('at').as('last')])
        .where('username', '=', username)
        .where('ip', '=', ip)
        .where('at', '>=', since)
        .executeTakeFirstOrThrow();
      return { count: Number(row.count), last: row.last === null ? null : new Date(row.last) };
    },

    async clearLoginFailures(username: string, ip: string, before: Date): Promise<void> {
      await db
        .deleteFrom('login_failures')
        .where('username', '=', username)
        .where((eb) => eb.or([eb('ip', '=', ip), eb('at', '<', before)]))
        .execute();
    },
  };
}
