import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { OperationalError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { logFailure } from '../shared/log-failure';
import type { DatabaseSchema } from './database.types';
import { startEmbeddedPglite } from './embedded-pglite';

/**
 * The system of record. PostgreSQL when a URL is given (production); otherwise an embedded
 * PGlite in the data directory, so `npm start` needs no server. Either way everything goes
 * through one `pg.Pool`: kysely here, and Agenda sharing the same pool.
 */
export interface Database {
  /** Share this pool (Agenda's postgres backend takes it); never open another. */
  pool: pg.Pool;
  db: Kysely<DatabaseSchema>;
  kind: 'postgres' | 'pglite';
  /** Where the data lives, without secrets: `PostgreSQL at host:port/db`, `embedded PGlite at /abs/dir`. */
  describe: string;
  /** Closes the pool, the embedded server if any, and releases the data-dir lock. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `postgres://…`: use that server. Absent: embedded PGlite. */
  databaseUrl?: string;
  /** Embedded only: the data directory (default `./data`). Locked by `<dataDir>/minhu.lock`. */
  dataDir?: string;
  /** Embedded only: a throw-away database in memory (tests). */
  inMemory?: boolean;
  logger: Logger;
}

/** PostgreSQL pool size; the embedded database always uses exactly one connection. */
const POSTGRES_POOL_MAX = 10;

export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  if (opts.databaseUrl !== undefined && opts.databaseUrl !== '') {
    return openPostgres(opts.databaseUrl, opts.logger);
  }
  const embedded = await startEmbeddedPglite({
    dataDir: path.resolve(opts.dataDir ?? './data'),
    inMemory: opts.inMemory,
    logger: opts.logger,
  });
  return assemble({
    pool: embedded.pool,
    kind: 'pglite',
    describe: embedded.describe,
    logger: opts.logger,
    onClose: () => embedded.close(),
  });
}

async function openPostgres(databaseUrl: string, logger: Logger): Promise<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: POSTGRES_POOL_MAX });
  return assemble({
    pool,
    kind: 'postgres',
    describe: describePostgresUrl(databaseUrl),
    logger,
    onClose: async () => {},
  });
}

/** `PostgreSQL at host:port/db`: never the user's password. */
export function describePostgresUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    const host = url.hostname || url.searchParams.get('host') || 'localhost';
    const database =
      decodeURIComponent(url.pathname.replace(/^\//, '')) || decodeURIComponent(url.username) || 'postgres';
    return `PostgreSQL at ${host}:${url.port || '5432'}/${database}`;
  } catch {
    return 'PostgreSQL (unparsable DATABASE_URL)';
  }
}

interface AssembleOptions {
  pool: pg.Pool;
  kind: Database['kind'];
  describe: string;
  logger: Logger;
  onClose: () => Promise<void>;
}

/**
 * Wraps a pool in kysely, checks the connection (failing with DATABASE_UNREACHABLE, naming
 * where, not how) and logs the one start-up line.
 * Exported for test/helpers/test-db.ts, which builds a Database around its own embedded server.
 */
export async function assemble(o: AssembleOptions): Promise<Database> {
  o.pool.on('error', (err) => logFailure(o.logger, err, `database connection lost (${o.describe})`));
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool: o.pool }) });
  try {
    await o.pool.query('SELECT 1');
  } catch (err) {
    await endPool(db, o.pool).catch(() => undefined);
    await o.onClose();
    throw new OperationalError('DATABASE_UNREACHABLE', `cannot reach ${o.describe}: ${errorMessage(err)}`, { database: o.describe }, { cause: err });
  }
  o.logger.info({ database: o.describe, kind: o.kind }, `database: ${o.describe}`);
  let closed = false;
  return {
    pool: o.pool,
    db,
    kind: o.kind,
    describe: o.describe,
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      try {
        await endPool(db, o.pool);
      } finally {
        await o.onClose();
      }
    },
  };
}

/** kysely ends the pool only if it ever used it, so end it ourselves when it has not. */
async function endPool(db: Kysely<DatabaseSchema>, pool: pg.Pool): Promise<void> {
  await db.destroy();
  if (!pool.ending) await pool.end();
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
