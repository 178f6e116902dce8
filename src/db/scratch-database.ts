import crypto from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../shared/logger';
import { Database, openDatabase } from './database';
import { migrate } from './migrations/migrate';

/**
 * A throw-away, migrated database for scenarios and benchmarks: a new database
 * `minhu_scratch_<random>` on the server of `databaseUrl` (dropped on close), or an in-memory
 * PGlite when no URL is given. Never the database the application keeps its work in.
 */
export async function openScratchDatabase(databaseUrl: string | undefined, logger: Logger): Promise<Database> {
  if (!databaseUrl) {
    const database = await openDatabase({ inMemory: true, logger });
    await migrate(database.db);
    return database;
  }
  const scratch = await createScratchDatabase(databaseUrl, 'minhu_scratch');
  const database = await openDatabase({ databaseUrl: scratch.url, logger });
  await migrate(database.db);
  return {
    ...database,
    async close(): Promise<void> {
      await database.close();
      await scratch.drop();
    },
  };
}

/** Creates an empty database `<prefix>_<random>` on the server of `url`; returns its URL and a dropper. */
export async function createScratchDatabase(url: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${crypto.randomBytes(6).toString('hex')}`;
  await withAdmin(url, (admin) => admin.query(`CREATE DATABASE "${name}" STRATEGY FILE_COPY`));
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    drop: () => withAdmin(url, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

async function withAdmin(url: string, fn: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await fn(admin);
  } finally {
    await admin.end();
  }
}
