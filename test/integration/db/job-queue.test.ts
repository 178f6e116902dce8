import { sql } from 'kysely';
import type { Database } from '../../../src/db/database';
import { createDueJobSource } from '../../../src/db/repositories/due-job-source';
import { createRepositories } from '../../../src/db/repositories/repositories';
import { createUnitOfWork } from '../../../src/db/unit-of-work';
import type { DueJobSource, Repositories, ScheduledJob, UnitOfWork } from '../../../src/engine/ports';
import { ValidationError } from '../../../src/shared/errors';
import { openTestDatabase } from '../../helpers/test-db';
import { at } from './db-fixtures';

jest.setTimeout(30_000);

let database: Database;
let repos: Repositories;
let uow: UnitOfWork;
let due: DueJobSource;

beforeAll(async () => {
  database = await openTestDatabase();
  repos = createRepositories(database.db);
  uow = createUnitOfWork(database.db);
  due = createDueJobSource(database.db);
});
afterAll(async () => {
  await database.close();
});

const job = (key: string, iso: string, data: Record<string, unknown> = {}, name = 'minhu.timer'): ScheduledJob => ({
  key,
  name,
  runAt: at(iso),
  data,
});
const rowsOf = (key: string) =>
  database.db
    .selectFrom('agenda_jobs')
    .selectAll()
    .where(sql<boolean>`data->>'key' = ${key}`)
    .orderBy('created_at')
    .execute();

describe('JobQueue', () => {
  it('writes rows Agenda can run: type normal, priority 0, key in data', async () => {
    await repos.jobs.schedule([job('shape:1', '2026-03-02T10:00:00Z', { orderId: 'o1', activityId: 'warn' })]);
    const [row] = await rowsOf('shape:1');
    expect(row).toMatchObject({
      name: 'minhu.timer',
      type: 'normal',
      priority: 0,
      disabled: false,
      locked_at: null,
      last_run_at: null,
      next_run_at: at('2026-03-02T10:00:00Z'),
      data: { orderId: 'o1', activityId: 'warn', key: 'shape:1' },
    });
  });

  it('lists pending keys by prefix', async () => {
    await repos.jobs.schedule([
      job('list:a:1', '2026-03-02T10:00:00Z'),
      job('list:a:2', '2026-03-03T10:00:00Z'),
      job('list:b:1', '2026-03-02T10:00:00Z', {}, 'minhu.deadline'),
    ]);
    expect(await repos.jobs.pendingKeys('list:a:')).toEqual(['list:a:1', 'list:a:2']);
    expect(await repos.jobs.pendingKeys('list:')).toEqual(['list:a:1', 'list:a:2', 'list:b:1']);
    expect(await repos.jobs.pendingKeys('list:c')).toEqual([]);
    expect(await repos.jobs.pendingKeys('list%')).toEqual([]); // the prefix is literal, not a LIKE pattern
  });

  it('replaces a pending job when its key is scheduled again (new id, new time and data)', async () => {
    await repos.jobs.schedule([job('replace:1', '2026-03-02T10:00:00Z', { v: 1 })]);
    const [before] = await rowsOf('replace:1');
    await uow.run((r) => r.jobs.schedule([job('replace:1', '2026-03-05T10:00:00Z', { v: 2 }, 'minhu.deadline')]));
    const rows = await rowsOf('replace:1');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      name: 'minhu.deadline',
      next_run_at: at('2026-03-05T10:00:00Z'),
      data: { v: 2, key: 'replace:1' },
    });
    expect(rows[0]!.id).not.toBe(before!.id);
  });

  it('keeps the last of a key scheduled twice in one call', async () => {
    await repos.jobs.schedule([
      job('twice:1', '2026-03-02T10:00:00Z', { v: 1 }),
      job('twice:1', '2026-03-02T11:00:00Z', { v: 2 }),
    ]);
    const rows = await rowsOf('twice:1');
    expect(rows.map((r) => r.data)).toEqual([{ v: 2, key: 'twice:1' }]);
  });

  it('cancels pending jobs by key and ignores unknown keys', async () => {
    await repos.jobs.schedule([job('cancel:1', '2026-03-02T10:00:00Z'), job('cancel:2', '2026-03-02T10:00:00Z')]);
    await uow.run((r) => r.jobs.cancel(['cancel:1', 'cancel:unknown']));
    await repos.jobs.cancel([]);
    expect(await repos.jobs.pendingKeys('cancel:')).toEqual(['cancel:2']);
  });

  it('refuses a job whose name is not minhu.* (its key would not be unique)', async () => {
    await expect(repos.jobs.schedule([job('bad:1', '2026-03-02T10:00:00Z', {}, 'other.timer')])).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(repos.jobs.schedule([job('', '2026-03-02T10:00:00Z')])).rejects.toMatchObject({ code: 'JOB_INVALID' });
  });

  it('lets two transactions race to schedule one key: both succeed, one job remains', async () => {
    await Promise.all([
      uow.run((r) => r.jobs.schedule([job('race:1', '2026-03-02T10:00:00Z', { by: 'a' })])),
      uow.run((r) => r.jobs.schedule([job('race:1', '2026-03-02T11:00:00Z', { by: 'b' })])),
    ]);
    expect(await rowsOf('race:1')).toHaveLength(1);
  });
});

describe('DueJobSource', () => {
  const names = ['minhu.due-a', 'minhu.due-b'];
  const dueJob = (key: string, iso: string, name = 'minhu.due-a') => job(key, iso, { n: key }, name);

  beforeAll(async () => {
    await repos.jobs.schedule([
      dueJob('due:late', '2026-04-01T12:00:00Z'),
      dueJob('due:early', '2026-04-01T09:00:00Z', 'minhu.due-b'),
      dueJob('due:future', '2026-04-02T09:00:00Z'),
      dueJob('due:other-name', '2026-04-01T08:00:00Z', 'minhu.due-c'),
      dueJob('due:locked', '2026-04-01T08:00:00Z'),
      dueJob('due:disabled', '2026-04-01T08:00:00Z'),
    ]);
    await sql`UPDATE agenda_jobs SET locked_at = ${at('2026-04-01T08:00:01Z')} WHERE data->>'key' = 'due:locked'`.execute(
      database.db,
    );
    await sql`UPDATE agenda_jobs SET disabled = true WHERE data->>'key' = 'due:disabled'`.execute(database.db);
  });

  it('gives the earliest due job of the names, then the next once it is marked done', async () => {
    const now = at('2026-04-01T13:00:00Z');
    expect(await due.nextDue([], now)).toBeNull();
    const first = await due.nextDue(names, now);
    expect(first).toEqual({
      id: expect.any(String),
      key: 'due:early',
      name: 'minhu.due-b',
      runAt: at('2026-04-01T09:00:00Z'),
      data: { n: 'due:early' },
    });
    await due.markDone(first!.id, now);
    const second = await due.nextDue(names, now);
    expect(second?.key).toBe('due:late');
    await due.markDone(second!.id, now);
    expect(await due.nextDue(names, now)).toBeNull();
    expect(await due.nextDue(names, at('2026-04-02T09:00:00Z'))).toMatchObject({ key: 'due:future' });
  });

  it('leaves a done job as Agenda leaves a one-off job it ran, out of the pending keys', async () => {
    const [row] = await rowsOf('due:early');
    expect(row).toMatchObject({
      next_run_at: null,
      locked_at: null,
      last_run_at: at('2026-04-01T13:00:00Z'),
      last_finished_at: at('2026-04-01T13:00:00Z'),
    });
    expect(await repos.jobs.pendingKeys('due:early')).toEqual([]);
    await repos.jobs.cancel(['due:early']);
    expect(await rowsOf('due:early')).toHaveLength(1); // history is not pending: cancel keeps it
  });

  it('keeps a job its own step rescheduled: markDone of the old id changes nothing', async () => {
    const again = (iso: string) => dueJob('due:again', iso, 'minhu.due-again');
    await repos.jobs.schedule([again('2026-04-03T09:00:00Z')]);
    const running = await due.nextDue(['minhu.due-again'], at('2026-04-03T09:00:00Z'));
    expect(running?.key).toBe('due:again');
    await uow.run((r) => r.jobs.schedule([again('2026-04-04T09:00:00Z')])); // the step it ran
    await due.markDone(running!.id, at('2026-04-03T09:00:00Z'));
    expect(await repos.jobs.pendingKeys('due:again')).toEqual(['due:again']);
    expect(await due.nextDue(['minhu.due-again'], at('2026-04-03T09:00:00Z'))).toBeNull();
    expect(await due.nextDue(['minhu.due-again'], at('2026-04-04T09:00:00Z'))).toMatchObject({
      key: 'due:again',
      runAt: at('2026-04-04T09:00:00Z'),
    });
  });

  it('lets a key be scheduled again after its job ran (history and pending side by side)', async () => {
    await repos.jobs.schedule([dueJob('due:late', '2026-04-05T09:00:00Z')]);
    const rows = await rowsOf('due:late');
    expect(rows.map((r) => r.next_run_at)).toEqual([null, at('2026-04-05T09:00:00Z')]);
  });
});
