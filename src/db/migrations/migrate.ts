import { sql, type Kysely, type Transaction } from 'kysely';
import { OperationalError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { DatabaseSchema } from '../database.types';
import { isUndefinedTable } from '../pg-errors';
import type { Migration } from './migration.types';
import { migrations as allMigrations } from './migrations';

/** Key of the transaction-level advisory lock every migrating process takes first. */
const MIGRATION_LOCK = 'minhu:schema-migrations';

export interface MigrateOptions {
  /** Defaults to every migration in src/db/migrations/migrations.ts. */
  migrations?: readonly Migration[];
  logger?: Logger;
}

export interface MigrateResult {
  /** Versions this call applied (empty when the schema was already current). */
  applied: number[];
}

/**
 * Brings the schema up to date. Safe when several processes start at once: each pending
 * migration runs in its own transaction that first takes `pg_advisory_xact_lock`, then
 * re-reads `schema_migrations`, so a migration applied by another process is skipped.
 * Refuses (SCHEMA_NEWER_THAN_CODE) a database migrated by a newer minhu.
 */
export async function migrate(db: Kysely<DatabaseSchema>, opts: MigrateOptions = {}): Promise<MigrateResult> {
  const list = [...(opts.migrations ?? allMigrations)].sort((a, b) => a.version - b.version);
  const applied: number[] = [];
  for (;;) {
    const done = await db.transaction().execute((trx) => applyNext(trx, list));
    if (done === null) break;
    applied.push(done.version);
    opts.logger?.info({ migration: done.version, name: done.name }, `migration ${done.version} ${done.name} applied`);
  }
  return { applied };
}

async function applyNext(trx: Transaction<DatabaseSchema>, list: readonly Migration[]): Promise<Migration | null> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${MIGRATION_LOCK}))`.execute(trx);
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`.execute(trx);
  const rows = await trx.selectFrom('schema_migrations').select('version').execute();
  const done = new Set(rows.map((r) => r.version));
  const unknown = [...done].filter((v) => !list.some((m) => m.version === v));
  if (unknown.length > 0) {
    throw new OperationalError(
      'SCHEMA_NEWER_THAN_CODE',
      `the database has migrations this version of minhu does not know (${unknown.join(', ')}): run a newer minhu`,
      { unknownVersions: unknown },
    );
  }
  const next = list.find((m) => !done.has(m.version));
  if (next === undefined) return null;
  await next.up(trx as unknown as Kysely<unknown>);
  await trx.insertInto('schema_migrations').values({ version: next.version, name: next.name }).execute();
  return next;
}

/** The schema as the database has it, against this code's migrations (for `/readyz`). */
export interface MigrationState {
  /** Highest version in `schema_migrations`; null when none is applied. */
  applied: number | null;
  /** Highest version this code knows. */
  latest: number;
  /** Versions of this code the database lacks. */
  pending: number[];
  /** Versions in the database this code does not know (a newer minhu migrated it). */
  unknown: number[];
  /** Nothing pending, nothing unknown. */
  current: boolean;
}

/** Reads `schema_migrations` (absent: nothing applied) and compares it with the code's list. */
export async function migrationState(db: Kysely<DatabaseSchema>, list: readonly Migration[] = allMigrations): Promise<MigrationState> {
  const { rows } = await sql<{ version: number }>`SELECT version FROM schema_migrations`.execute(db).catch((err: unknown) => {
    if (isUndefinedTable(err)) return { rows: [] };
    throw err;
  });
  const done = new Set(rows.map((r) => r.version));
  const known = new Set(list.map((m) => m.version));
  const pending = list.map((m) => m.version).filter((v) => !done.has(v)).sort((a, b) => a - b);
  const unknown = [...done].filter((v) => !known.has(v));
  const applied = rows.length > 0 ? Math.max(...done) : null;
  return { applied, latest: Math.max(0, ...known), pending, unknown, current: pending.length === 0 && unknown.length === 0 };
}
