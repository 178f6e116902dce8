/**
 * A fresh, migrated database per test file.
 *
 * - DATABASE_URL set: a new database `minhu_test_<random>` on that server; close() drops it.
 * - otherwise: an in-memory PGlite behind the same socket server and one-connection pool as
 *   production's embedded mode. Creating PGlite and migrating takes ~2 s, so the first file
 *   saves a dump of the migrated data directory in the OS temp dir, keyed by a hash of the
 *   migration sources and the PGlite version, and later files start from it (~0.5 s). `migrate`
 *   still runs (a no-op) to prove the dump matches.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assemble, openDatabase, type Database } from '../../src/db/database';
import { startEmbeddedPglite } from '../../src/db/embedded-pglite';
import { migrate } from '../../src/db/migrations/migrate';
import { createScratchDatabase as createScratch } from '../../src/db/scratch-database';
import { silentLogger, type Logger } from '../../src/shared/logger';

export async function openTestDatabase(opts: { logger?: Logger } = {}): Promise<Database> {
  const logger = opts.logger ?? silentLogger();
  const url = process.env.DATABASE_URL;
  return url ? openPostgresTestDatabase(url, logger) : openPgliteTestDatabase(logger);
}

/** True when the tests run against a PostgreSQL server (DATABASE_URL), false on PGlite. */
export function onPostgres(): boolean {
  return Boolean(process.env.DATABASE_URL);
}

/** Creates an empty database on the DATABASE_URL server; returns its URL and a dropper. */
export function createScratchDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  return createScratch(url, 'minhu_test');
}

async function openPostgresTestDatabase(url: string, logger: Logger): Promise<Database> {
  const scratch = await createScratchDatabase(url);
  const database = await openDatabase({ databaseUrl: scratch.url, logger });
  await migrate(database.db).catch(async (err: unknown) => {
    await database.close();
    await scratch.drop();
    throw err;
  });
  return {
    ...database,
    async close(): Promise<void> {
      await database.close();
      await scratch.drop();
    },
  };
}

async function openPgliteTestDatabase(logger: Logger): Promise<Database> {
  const file = templateFile();
  const loadDataDir = fs.existsSync(file) ? new Uint8Array(fs.readFileSync(file)) : undefined;
  const embedded = await startEmbeddedPglite({ inMemory: true, loadDataDir, logger });
  const database = await assemble({
    pool: embedded.pool,
    kind: 'pglite',
    describe: embedded.describe,
    logger,
    onClose: () => embedded.close(),
  });
  // A failed migration must not leave the PGlite worker running (jest would never exit).
  const { applied } = await migrate(database.db).catch(async (err: unknown) => {
    await database.close();
    throw err;
  });
  if (applied.length > 0) {
    const dump = await embedded.dumpDataDir();
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
    fs.writeFileSync(tmp, dump);
    fs.renameSync(tmp, file); // atomic: parallel jest workers never read half a file
  }
  return database;
}

function templateFile(): string {
  const hash = crypto.createHash('sha256');
  hash.update(pgliteVersion());
  const dir = path.join(__dirname, '..', '..', 'src', 'db', 'migrations');
  for (const name of fs.readdirSync(dir).sort())
    hash.update(`${name}\n${fs.readFileSync(path.join(dir, name), 'utf8')}`);
  return path.join(os.tmpdir(), `minhu-pglite-template-${hash.digest('hex').slice(0, 16)}.tar.gz`);
}

function pgliteVersion(): string {
  const pkg = path.join(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  return String((JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version?: unknown }).version);
}
