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
  const name = `minhu_scratch_${crypto.randomBytes(6).toString('hex')}`;
  await withAdmin(databaseUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  const target = new URL(databaseUrl);
  target.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: target.toString(), logger });
  await migrate(database.db);
  return {
    ...database,
    async close(): Promise<void> {
      await database.close();
      await withAdmin(databaseUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
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
