/**
 * Scratch databases the benchmark can hand to a child process too: a new database on the
 * PostgreSQL server of DATABASE_URL (its URL known, dropped at the end), or a temporary PGlite
 * data directory (removed at the end).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRuntime, Runtime } from '../src/app/create-runtime';
import { openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrations/migrate';
import { createScratchDatabase } from '../src/db/scratch-database';
import { SystemClock } from '../src/shared/clock';
import type { Logger } from '../src/shared/logger';

const ROOT = path.resolve(__dirname, '..');

export interface Scratch {
  /** Environment for src/main.ts on this database. */
  env: Record<string, string>;
  /** A PostgreSQL URL, or null for PGlite (its data directory: env.MINHU_DATA_DIR). */
  url: string | null;
  drop(): Promise<void>;
}

export async function createScratch(databaseUrl: string | undefined, prefix = 'minhu_bench'): Promise<Scratch> {
  if (databaseUrl) {
    const s = await createScratchDatabase(databaseUrl, prefix);
    return { env: { DATABASE_URL: s.url }, url: s.url, drop: () => s.drop() };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minhu-bench-'));
  return {
    env: { MINHU_DATA_DIR: dir },
    url: null,
    drop: () => fs.promises.rm(dir, { recursive: true, force: true }),
  };
}

/** A runtime in this process on a scratch database (migrated); close it before a child opens a PGlite directory. */
export async function openRuntimeOn(scratch: Scratch, logger: Logger): Promise<Runtime> {
  const database = scratch.url
    ? await openDatabase({ databaseUrl: scratch.url, logger })
    : await openDatabase({ dataDir: scratch.env.MINHU_DATA_DIR, logger });
  try {
    await migrate(database.db);
    return await createRuntime({
      clock: new SystemClock(),
      logger,
      database,
      policiesDir: path.join(ROOT, 'policies'),
      processesDir: path.join(ROOT, 'processes'),
    });
  } catch (err) {
    await database.close();
    throw err;
  }
}
