import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describePostgresUrl, openDatabase, type Database } from '../../../src/db/database';
import { OperationalError } from '../../../src/shared/errors';
import { silentLogger } from '../../../src/shared/logger';
import { onPostgres, openTestDatabase } from '../../helpers/test-db';

jest.setTimeout(60_000);

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

function capturingLogger() {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines };
}

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minhu-db-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('embedded PGlite in a data directory', () => {
  it('locks the directory while open, says where it is, keeps data across a reopen', async () => {
    const dataDir = tempDir();
    const { logger, lines } = capturingLogger();
    const first = await openDatabase({ dataDir, logger });
    const lockFile = path.join(dataDir, 'minhu.lock');
    try {
      expect(first.kind).toBe('pglite');
      expect(first.describe).toBe(`embedded PGlite at ${dataDir}`);
      expect(lines.filter((l) => l.msg.startsWith('database:')).map((l) => l.msg)).toEqual([
        `database: embedded PGlite at ${dataDir}`,
      ]);
      expect(fs.readFileSync(lockFile, 'utf8').trim()).toBe(String(process.pid));
      expect(first.pool.options.host).toBe(dataDir); // the unix socket inside the data directory
      await first.pool.query(`CREATE TABLE kept (note text); INSERT INTO kept VALUES ('hello')`);

      const second = openDatabase({ dataDir, logger: silentLogger() });
      await expect(second).rejects.toBeInstanceOf(OperationalError);
      await expect(second).rejects.toMatchObject({
        code: 'DATA_DIR_LOCKED',
        details: { file: lockFile, pid: process.pid },
      });
      await expect(second).rejects.toThrow(new RegExp(`${lockFile}.*${process.pid}`));
    } finally {
      await first.close();
    }
    expect(fs.existsSync(lockFile)).toBe(false);

    const reopened = await openDatabase({ dataDir, logger: silentLogger() });
    try {
      expect((await reopened.pool.query('SELECT note FROM kept')).rows).toEqual([{ note: 'hello' }]);
    } finally {
      await reopened.close();
    }
  });

  it('takes over a stale lock (its pid is not running), with a warning; long paths use TCP', async () => {
    const dataDir = path.join(
      tempDir(),
      'a-data-directory-path-long-enough-that-its-unix-socket-would-not-fit-in-sun-path',
    );
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, 'minhu.lock'), '999999\n');
    const { logger, lines } = capturingLogger();
    const database = await openDatabase({ dataDir, logger });
    try {
      expect(lines.find((l) => l.level === 40)).toMatchObject({
        stalePid: 999999,
        file: path.join(dataDir, 'minhu.lock'),
      });
      expect(fs.readFileSync(path.join(dataDir, 'minhu.lock'), 'utf8').trim()).toBe(String(process.pid));
      expect(database.pool.options.host).toBe('127.0.0.1');
      expect((await database.pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await database.close();
    }
  });

  it('reopens a directory whose process was killed with -9 (stale lock and socket file)', async () => {
    const dataDir = tempDir();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'hold-data-dir.fixture.ts'), dataDir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.on('exit', (code) => reject(new OperationalError('CHILD_EXITED', `child exited ${code}: ${stderr}`)));
    });
    await expect(openDatabase({ dataDir, logger: silentLogger() })).rejects.toMatchObject({
      code: 'DATA_DIR_LOCKED',
      details: { pid: child.pid },
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const database = await openDatabase({ dataDir, logger: silentLogger() });
    try {
      expect((await database.pool.query('SELECT note FROM survivor')).rows).toEqual([
        { note: 'written before kill -9' },
      ]);
    } finally {
      await database.close();
    }
  });
});

describe('PostgreSQL', () => {
  it('describes a URL without its password', () => {
    expect(describePostgresUrl('postgres://minhu:s3cret@db.example:6543/hotline')).toBe(
      'PostgreSQL at db.example:6543/hotline',
    );
    expect(describePostgresUrl('postgres://minhu:s3cret@db.example/hotline')).toBe(
      'PostgreSQL at db.example:5432/hotline',
    );
    expect(describePostgresUrl('not a url :s3cret')).not.toContain('s3cret');
  });

  it('fails with DATABASE_UNREACHABLE, naming where but not the password', async () => {
    const open = openDatabase({ databaseUrl: 'postgres://minhu:s3cret@127.0.0.1:1/nowhere', logger: silentLogger() });
    await expect(open).rejects.toMatchObject({ code: 'DATABASE_UNREACHABLE', kind: 'operational' });
    await expect(open).rejects.toThrow(/PostgreSQL at 127\.0\.0\.1:1\/nowhere/);
    await expect(open).rejects.not.toThrow(/s3cret/);
  });

  it('logs which database is in use (the server of DATABASE_URL, else PGlite in memory)', async () => {
    const { logger, lines } = capturingLogger();
    const url = process.env.DATABASE_URL;
    const database: Database = await openDatabase({ databaseUrl: url, inMemory: true, logger });
    try {
      expect(database.kind).toBe(url ? 'postgres' : 'pglite');
      const expected = url ? describePostgresUrl(url) : 'embedded PGlite in memory';
      expect(lines.filter((l) => l.msg.startsWith('database:')).map((l) => l.msg)).toEqual([`database: ${expected}`]);
    } finally {
      await database.close();
    }
  });
});

describe('openTestDatabase', () => {
  it('gives a migrated database of the kind the environment asks for', async () => {
    const database = await openTestDatabase();
    try {
      expect(database.kind).toBe(onPostgres() ? 'postgres' : 'pglite');
      expect((await database.db.selectFrom('schema_migrations').select('version').execute()).length).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
  });
});
