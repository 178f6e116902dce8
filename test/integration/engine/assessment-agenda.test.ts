/**
 * The monthly job under real Agenda, in a process started as `npm start` starts it: a due
 * repeating row is run once by Agenda, which then moves it to the next 1st of the month,
 * 01:00 Asia/Shanghai, by itself; the month just ended is published.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../../../src/db/database';
import { migrate } from '../../../src/db/migrations/migrate';
import { ensureRepeatingJob } from '../../../src/db/repositories/repeating-job.repository';
import { ASSESSMENT_JOB, MONTHLY_ASSESSMENT } from '../../../src/engine/assessment/assessment-schedule';
import { monthOf, previousMonth } from '../../../src/engine/assessment/periods';
import { SystemClock } from '../../../src/shared/clock';
import { nextCronRun } from '../../../src/shared/cron';
import { silentLogger } from '../../../src/shared/logger';
import { killChildren, runTs } from '../../helpers/child-process';
import { createScratchDatabase, onPostgres } from '../../helpers/test-db';

jest.setTimeout(120_000);
afterAll(killChildren);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('Agenda runs the due monthly job once and schedules the next 1st of the month at 01:00 Shanghai time', async () => {
  const scratch = onPostgres() ? await createScratchDatabase(process.env.DATABASE_URL ?? '') : null;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minhu-cron-'));
  const env = scratch ? { DATABASE_URL: scratch.url } : { DATABASE_URL: '', MINHU_DATA_DIR: dataDir };
  const open = () => openDatabase({ databaseUrl: scratch?.url, dataDir, logger: silentLogger() });
  const now = new SystemClock().now();
  try {
    const before = await open();
    try {
      await migrate(before.db);
      // written as of a year ago: its next run (a 1st of the month) is long past, so it is due now
      await ensureRepeatingJob(before.db, MONTHLY_ASSESSMENT, new Date(now.getTime() - 365 * 86_400_000));
    } finally {
      await before.close();
    }

    const policies = fs.mkdtempSync(path.join(os.tmpdir(), 'minhu-policies-'));
    fs.copyFileSync('policies/haikou.yaml', path.join(policies, 'haikou.yaml'));
    const port = String(20_000 + Math.floor(Math.random() * 20_000));
    const child = runTs('src/main.ts', { ...env, PORT: port, MINHU_JOB_POLL_MS: '200', LOG_LEVEL: 'info', MINHU_POLICIES_DIR: policies });
    await child.waitFor(/http: listening/, 60_000);
    await sleep(5_000);
    child.proc.kill('SIGTERM');
    expect(await child.exited()).toBe(0);

    const after = await open();
    try {
      const { rows: jobs } = await sql<{ next_run_at: Date | null; last_run_at: Date | null }>`
        SELECT next_run_at, last_run_at FROM agenda_jobs WHERE name = ${ASSESSMENT_JOB}`.execute(after.db);
      expect(jobs).toHaveLength(1);
      const job = jobs[0]!;
      expect(job.last_run_at).not.toBeNull();
      expect(job.next_run_at).toEqual(nextCronRun('0 1 1 * *', 'Asia/Shanghai', job.last_run_at!));
      expect(job.next_run_at!.getTime()).toBeGreaterThan(now.getTime());
      const { rows: runs } = await sql<{ period: string; trigger: string; published: boolean }>`
        SELECT r.period, r.trigger, p.run_id IS NOT NULL AS published
        FROM assessment_runs r LEFT JOIN assessment_publications p ON p.run_id = r.id`.execute(after.db);
      expect(runs).toEqual([{ period: previousMonth(monthOf(now, 'Asia/Shanghai')), trigger: 'schedule', published: true }]);
    } finally {
      await after.close();
    }
  } finally {
    await scratch?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
