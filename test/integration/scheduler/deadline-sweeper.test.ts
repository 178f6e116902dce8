/**
 * The deadline sweeper on `agenda_jobs`: rows claimed once by sweepers racing (FOR UPDATE SKIP
 * LOCKED; on PGlite the one connection serialises them), a killed sweeper's rows taken over
 * after the lock lifetime and not finished by it afterwards, a job replaced under its key left
 * pending, a failing deadline released with a backoff while its batch is applied, and the rows
 * left as Agenda leaves a one-off job it ran.
 */
import { sql } from 'kysely';
import type { Database } from '../../../src/db/database';
import { createJobQueue } from '../../../src/db/repositories/job-queue.repository';
import type { JobQueue } from '../../../src/engine/ports';
import type { DeadlineJobData } from '../../../src/engine/work-order/deadline.service';
import { DEADLINE_JOB, TIMER_JOB } from '../../../src/engine/work-order/job-keys';
import { DeadlineClaims } from '../../../src/scheduler/deadline-claims';
import { createDeadlineSweep } from '../../../src/scheduler/deadline-sweeper';
import { UnexpectedError } from '../../../src/shared/errors';
import { silentLogger } from '../../../src/shared/logger';
import { openTestDatabase } from '../../helpers/test-db';
import { at } from '../db/db-fixtures';

jest.setTimeout(60_000);

const T = at('2026-03-02T04:00:00Z');
let database: Database;
let queue: JobQueue;

beforeAll(async () => {
  database = await openTestDatabase();
  queue = createJobQueue(database.db);
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  await sql`TRUNCATE agenda_jobs`.execute(database.db);
});

const clockAt = (d: Date) => ({ t: d, now() { return this.t; } });
const ms = (d: Date, n: number) => new Date(d.getTime() + n);

async function scheduleDeadlines(n: number, prefix = 'o'): Promise<void> {
  const jobs = Array.from({ length: n }, (_, i) => ({
    key: `deadline:order:${prefix}${i}:overdue`,
    name: DEADLINE_JOB,
    runAt: ms(T, -i),
    data: { orderId: `${prefix}${i}`, kind: 'order-overdue' },
  }));
  for (let i = 0; i < jobs.length; i += 500) await queue.schedule(jobs.slice(i, i + 500));
}

/** Records every job applied; `fail(job)` true makes a batch holding it throw. */
function recorder(fail: (job: DeadlineJobData) => boolean = () => false) {
  const applied: DeadlineJobData[] = [];
  return {
    applied,
    async fireMany(jobs: DeadlineJobData[]): Promise<void> {
      await new Promise((r) => setTimeout(r, 5));
      if (jobs.some(fail)) throw new UnexpectedError('TEST_FAILURE', 'a deadline fails');
      applied.push(...jobs);
    },
  };
}

const sweep = (deadlines: ReturnType<typeof recorder>, worker: string, clock = clockAt(T), batchSize = 50, lockLifetimeMs = 60_000) =>
  createDeadlineSweep({ pool: database.pool, deadlines, clock, logger: silentLogger(), worker, lockLifetimeMs, batchSize });

const rows = async () =>
  (await sql<{ key: string; id: string; next_run_at: Date | null; locked_at: Date | null; last_run_at: Date | null; last_finished_at: Date | null; last_modified_by: string | null; fail_count: number | null; name: string }>`
    SELECT data->>'key' AS key, id, name, next_run_at, locked_at, last_run_at, last_finished_at, last_modified_by, fail_count FROM agenda_jobs ORDER BY key`.execute(database.db)).rows;

it('runs each due deadline once between two racing sweepers and leaves them done as Agenda does', async () => {
  await scheduleDeadlines(400);
  await queue.schedule([{ key: 'timer:x', name: TIMER_JOB, runAt: T, data: { orderId: 'x', activityId: 'a' } }]);
  await queue.schedule([{ key: 'deadline:later', name: DEADLINE_JOB, runAt: ms(T, 1000), data: { orderId: 'later', kind: 'order-overdue' } }]);
  const a = recorder();
  const b = recorder();
  const run = async (s: () => Promise<number>) => {
    while ((await s()) > 0);
  };
  await Promise.all([run(sweep(a, 'sweeper-a')), run(sweep(b, 'sweeper-b'))]);

  const ids = [...a.applied, ...b.applied].map((j) => j.orderId);
  expect(ids).toHaveLength(400);
  expect(new Set(ids).size).toBe(400);
  expect(a.applied[0]).toEqual({ orderId: expect.any(String), kind: 'order-overdue' });
  const all = await rows();
  const done = all.filter((r) => r.key.startsWith('deadline:order:'));
  for (const r of done) {
    expect(r).toMatchObject({ next_run_at: null, locked_at: null, last_run_at: T, last_finished_at: T });
    expect(['sweeper-a', 'sweeper-b']).toContain(r.last_modified_by);
  }
  // not its name, not yet due: left to Agenda / to a later sweep
  expect(all.find((r) => r.key === 'timer:x')).toMatchObject({ next_run_at: T, locked_at: null });
  expect(all.find((r) => r.key === 'deadline:later')).toMatchObject({ next_run_at: ms(T, 1000), locked_at: null });
});

it("takes over a killed sweeper's deadlines after the lock lifetime, and the dead one cannot finish them", async () => {
  await scheduleDeadlines(30);
  const dead = new DeadlineClaims(database.pool, 'dead');
  const claimed = await dead.claim(T, 60_000, 50); // then killed
  expect(claimed).toHaveLength(30);

  const taker = recorder();
  expect(await sweep(taker, 'taker', clockAt(ms(T, 59_000)))()).toBe(0); // still locked
  // a step schedules one key anew meanwhile: a new row (new id) due later
  await queue.schedule([{ key: 'deadline:order:o0:overdue', name: DEADLINE_JOB, runAt: ms(T, 120_000), data: { orderId: 'o0', kind: 'order-overdue' } }]);
  expect(await sweep(taker, 'taker', clockAt(ms(T, 61_000)))()).toBe(29);
  expect(taker.applied.map((j) => j.orderId)).not.toContain('o0');
  expect(await dead.markDone(claimed.map((c) => c.id), T, ms(T, 62_000))).toBe(0);

  const all = await rows();
  expect(all.find((r) => r.key === 'deadline:order:o0:overdue')).toMatchObject({ next_run_at: ms(T, 120_000), locked_at: null });
  expect(all.filter((r) => r.last_modified_by === 'taker' && r.next_run_at === null)).toHaveLength(29);
});

it('applies the rest of a failing batch, and retries the failing deadline after a backoff until it succeeds', async () => {
  await scheduleDeadlines(20);
  let failures = 2;
  const deadlines = recorder((job) => job.orderId === 'o7' && failures > 0);
  const clock = clockAt(T);
  const once = sweep(deadlines, 'w', clock);
  const fireMany = deadlines.fireMany.bind(deadlines);
  deadlines.fireMany = async (jobs) => {
    try {
      await fireMany(jobs);
    } catch (err) {
      if (jobs.length === 1) failures--;
      throw err;
    }
  };

  expect(await once()).toBe(20);
  expect(deadlines.applied).toHaveLength(19);
  let o7 = (await rows()).find((r) => r.key === 'deadline:order:o7:overdue')!;
  expect(o7).toMatchObject({ locked_at: null, fail_count: 1 });
  const delay = o7.next_run_at!.getTime() - T.getTime();
  expect(delay).toBeGreaterThanOrEqual(1000);
  expect(delay).toBeLessThanOrEqual(1200);

  expect(await once()).toBe(0); // not due again yet
  clock.t = ms(T, 1300);
  expect(await once()).toBe(1); // fails a second time: 2 s
  o7 = (await rows()).find((r) => r.key === 'deadline:order:o7:overdue')!;
  expect(o7).toMatchObject({ locked_at: null, fail_count: 2 });
  expect(o7.next_run_at!.getTime() - clock.t.getTime()).toBeGreaterThanOrEqual(2000);
  clock.t = ms(T, 4000);
  expect(await once()).toBe(1);
  expect(deadlines.applied.map((j) => j.orderId)).toContain('o7');
  expect((await rows()).find((r) => r.key === 'deadline:order:o7:overdue')).toMatchObject({ next_run_at: null, locked_at: null, last_finished_at: clock.t });
});
