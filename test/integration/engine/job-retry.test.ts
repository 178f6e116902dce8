/**
 * A durable job whose handler fails (a step refused by the database while PostgreSQL restarts,
 * say) is not lost: Agenda runs it again with a backoff until it succeeds. Without a backoff a
 * one-off Agenda job that failed kept next_run_at NULL and never ran again — the deadline or
 * BPMN timer it carried was silently dropped. Real Agenda, in a process of its own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../../../src/db/database';
import { silentLogger } from '../../../src/shared/logger';
import { killChildren, runTs } from '../../helpers/child-process';
import { createScratchDatabase, onPostgres } from '../../helpers/test-db';

jest.setTimeout(120_000);
afterAll(killChildren);

it('runs a job again after its handler failed, until it succeeds, and leaves it done', async () => {
  const scratch = onPostgres() ? await createScratchDatabase(process.env.DATABASE_URL ?? '') : null;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minhu-retry-'));
  const env = scratch ? { DATABASE_URL: scratch.url } : { DATABASE_URL: '', MINHU_DATA_DIR: dataDir };
  try {
    const worker = runTs('test/fixtures/scripts/failing-job-worker.ts', { ...env, FAILURES: '2' });
    await worker.waitFor(/DONE/, 60_000);
    worker.proc.kill('SIGTERM');
    await worker.waitFor(/STOPPED/, 30_000);
    expect(await worker.exited()).toBe(0);
    expect(worker.output().match(/RAN \d+/g)).toEqual(['RAN 1', 'RAN 2', 'RAN 3']);

    const database = await openDatabase({ databaseUrl: scratch?.url, dataDir, logger: silentLogger() });
    try {
      const { rows } = await sql<{ next_run_at: Date | null; locked_at: Date | null; last_finished_at: Date | null; failed_at: Date | null }>`
        SELECT next_run_at, locked_at, last_finished_at, failed_at FROM agenda_jobs WHERE data->>'key' = 'retry-test'`.execute(database.db);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ next_run_at: null, locked_at: null });
      expect(rows[0]!.last_finished_at).not.toBeNull();
    } finally {
      await database.close();
    }
  } finally {
    await scratch?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
