/**
 * The assessment's SQL: each condition and base set of the policy vocabulary counted on rows
 * with chosen dates, on PGlite and on PostgreSQL. Expectations are counted by hand.
 */
import type { Database } from '../../../src/db/database';
import { createAssessmentFactsRepository } from '../../../src/db/repositories/assessment-facts.repository';
import { createRepositories } from '../../../src/db/repositories/repositories';
import type { MeasureQuery, UnitCount, Window } from '../../../src/engine/assessment/assessment.types';
import { monthWindow } from '../../../src/engine/assessment/periods';
import type { NewWorkOrder, Repositories, Task } from '../../../src/engine/ports';
import { openTestDatabase } from '../../helpers/test-db';
import { at, newInstance, newOrder, newTask, insertOrder } from './db-fixtures';

jest.setTimeout(60_000);

let database: Database;
let repos: Repositories;
const october: Window = monthWindow('pds', 'Asia/Shanghai', '2026-10');

/** An order of unit A or B; `closed` closes it at that time. */
async function order(o: Partial<NewWorkOrder> & { closed?: string; tasks?: Array<Partial<Task>> }): Promise<void> {
  const { closed, tasks, ...fields } = o;
  const stored = await insertOrder(repos, newOrder({ status: 'in-progress', ...fields }), 'PDS');
  if (closed) await repos.orders.update({ ...stored, status: 'closed', closedAt: at(closed), updatedAt: at(closed) });
  if (tasks) {
    const instance = await repos.instances.insert(newInstance(stored.id), stored.createdAt);
    for (const t of tasks) await repos.tasks.insert(newTask(stored.id, instance.id, t));
  }
}

beforeAll(async () => {
  database = await openTestDatabase();
  repos = createRepositories(database.db);
  const A = '新华区';
  const B = '卫东区';
  // 1. A: received in Oct, closed on time in Oct, satisfied, sign task done in time
  await order({
    leadUnit: A, createdAt: at('2026-10-09T02:00:00Z'), dueAt: at('2026-10-16T15:59:59Z'), closed: '2026-10-15T02:00:00Z', data: { satisfaction: '满意' },
    tasks: [{ formKey: 'sign', status: 'completed', dueAt: at('2026-10-09T06:00:00Z'), completedAt: at('2026-10-09T03:00:00Z') }],
  });
  // 2. A: received in Oct, closed late in Oct, unsatisfied, sign task done late, flagged repeat
  await order({
    leadUnit: A, createdAt: at('2026-10-10T02:00:00Z'), dueAt: at('2026-10-17T15:59:59Z'), closed: '2026-10-20T02:00:00Z', data: { satisfaction: '不满意' }, flags: ['repeat'],
    tasks: [{ formKey: 'sign', status: 'completed', dueAt: at('2026-10-10T06:00:00Z'), completedAt: at('2026-10-10T09:00:00Z') }],
  });
  // 3. A: received in Sept, due in Oct, still open at the end of Oct (overdue), sign task still open past due
  await order({
    leadUnit: A, createdAt: at('2026-09-28T02:00:00Z'), dueAt: at('2026-10-12T15:59:59Z'), category: 'help',
    tasks: [{ formKey: 'sign', status: 'open', dueAt: at('2026-09-28T06:00:00Z') }],
  });
  // 4. B: received in Oct, due in Nov, open at the end of Oct (not overdue)
  await order({ leadUnit: B, createdAt: at('2026-10-30T02:00:00Z'), dueAt: at('2026-11-06T15:59:59Z') });
  // 5. B: received and closed in Sept: outside October in every base set
  await order({ leadUnit: B, createdAt: at('2026-09-01T02:00:00Z'), dueAt: at('2026-09-05T15:59:59Z'), closed: '2026-09-03T02:00:00Z' });
  // 6. received in Oct at 23:30 local on the 31st (15:30Z): still October in Asia/Shanghai; no lead unit: counted for nobody
  await order({ leadUnit: null, createdAt: at('2026-10-31T15:30:00Z'), status: 'answered', closed: '2026-10-31T15:31:00Z' });
  // 7. an improper return recorded for unit C on an order of B, closed in Oct
  await order({ leadUnit: B, createdAt: at('2026-10-05T02:00:00Z'), dueAt: at('2026-10-20T15:59:59Z'), closed: '2026-10-19T02:00:00Z', flags: ['improper-return'], data: { improperReturnUnit: '湛河区' } });
  // 8. another city: never counted
  await order({ city: 'other', leadUnit: A, createdAt: at('2026-10-09T02:00:00Z'), closed: '2026-10-10T02:00:00Z' });
});

afterAll(async () => {
  await database?.close();
});

/** Counts of October judged at `asOf` (the end of the month unless given). */
async function measureAt(asOf: Date, ...queries: MeasureQuery[]): Promise<Record<string, UnitCount[]>> {
  const counts = await createAssessmentFactsRepository(database.db).countByUnit(october, asOf, queries);
  return Object.fromEntries([...counts].map(([k, v]) => [k, [...v].sort((x, y) => x.unit.localeCompare(y.unit))]));
}

const measure = (...queries: MeasureQuery[]) => measureAt(october.end, ...queries);

describe('assessment facts (SQL)', () => {
  it('counts the base sets: received, closed, open at the end, due in the month, active', async () => {
    const r = await measure(
      { key: 'received', of: 'received', where: [] },
      { key: 'closed', of: 'closed', where: [] },
      { key: 'open', of: 'open', where: [] },
      { key: 'due', of: 'due', where: [] },
      { key: 'active', of: 'active', where: [] },
    );
    expect(r.received).toEqual([{ unit: '卫东区', base: 2, hits: 2 }, { unit: '新华区', base: 2, hits: 2 }]);
    expect(r.closed).toEqual([{ unit: '卫东区', base: 1, hits: 1 }, { unit: '新华区', base: 2, hits: 2 }]);
    expect(r.open).toEqual([{ unit: '卫东区', base: 1, hits: 1 }, { unit: '新华区', base: 1, hits: 1 }]);
    expect(r.due).toEqual([{ unit: '卫东区', base: 1, hits: 1 }, { unit: '新华区', base: 3, hits: 3 }]);
    expect(r.active).toEqual([{ unit: '卫东区', base: 2, hits: 2 }, { unit: '新华区', base: 3, hits: 3 }]);
  });

  it('rates: on time, late, satisfaction among visited, repeat, tasks in time', async () => {
    const r = await measure(
      { key: 'onTime', of: 'closed', where: [], hit: [{ closedOnTime: true }] },
      { key: 'late', of: 'closed', where: [], hit: [{ closedLate: true }] },
      { key: 'satisfied', of: 'closed', where: [{ data: 'satisfaction', in: ['满意', '不满意'] }], hit: [{ data: 'satisfaction', in: ['满意'] }] },
      { key: 'repeat', of: 'received', where: [], hit: [{ flag: 'repeat' }] },
      { key: 'signInTime', of: 'received', where: [{ task: 'sign' }], hit: [{ taskOnTime: 'sign' }] },
    );
    expect(r.onTime).toEqual([{ unit: '卫东区', base: 1, hits: 1 }, { unit: '新华区', base: 2, hits: 1 }]);
    expect(r.late).toEqual([{ unit: '卫东区', base: 1, hits: 0 }, { unit: '新华区', base: 2, hits: 1 }]);
    expect(r.satisfied).toEqual([{ unit: '新华区', base: 2, hits: 1 }]);
    expect(r.repeat).toEqual([{ unit: '卫东区', base: 2, hits: 0 }, { unit: '新华区', base: 2, hits: 1 }]);
    expect(r.signInTime).toEqual([{ unit: '新华区', base: 2, hits: 1 }]);
  });

  it('counts: missed due (HK-13), overdue at the end, late tasks, categories, another unit field (HZ-13)', async () => {
    const r = await measure(
      { key: 'missedDue', of: 'due', where: [{ missedDue: true }] },
      { key: 'overdueAtEnd', of: 'open', where: [{ overdueAtEnd: true }] },
      { key: 'signLate', of: 'active', where: [{ taskLate: 'sign' }] },
      { key: 'help', of: 'active', where: [{ category: ['help'] }, { notFlag: 'repeat' }] },
      { key: 'improper', of: 'active', where: [{ flag: 'improper-return' }], unitField: 'improperReturnUnit' },
    );
    expect(r.missedDue).toEqual([{ unit: '新华区', base: 2, hits: 2 }]);
    expect(r.overdueAtEnd).toEqual([{ unit: '新华区', base: 1, hits: 1 }]);
    expect(r.signLate).toEqual([{ unit: '新华区', base: 2, hits: 2 }]);
    expect(r.help).toEqual([{ unit: '新华区', base: 1, hits: 1 }]);
    expect(r.improper).toEqual([{ unit: '湛河区', base: 1, hits: 1 }]);
  });

  it('judged mid-month: a due time still ahead of the run is neither due, missed nor overdue; one just passed is', async () => {
    const lateness: MeasureQuery[] = [
      { key: 'due', of: 'due', where: [] },
      { key: 'missedDue', of: 'due', where: [{ missedDue: true }] },
      { key: 'overdueAtEnd', of: 'open', where: [{ overdueAtEnd: true }] },
    ];
    // 12 Oct 08:00 local: order 3 (due 12 Oct 23:59:59 local) is not late yet, nor order 2 (due 17 Oct)
    const before = await measureAt(at('2026-10-12T00:00:00Z'), ...lateness);
    expect(before).toEqual({ due: [], missedDue: [], overdueAtEnd: [] });
    // 14 Oct: order 3's due time has passed, order 2's (17 Oct) has not
    const after = await measureAt(at('2026-10-14T00:00:00Z'), ...lateness);
    expect(after).toEqual({
      due: [{ unit: '新华区', base: 1, hits: 1 }],
      missedDue: [{ unit: '新华区', base: 1, hits: 1 }],
      overdueAtEnd: [{ unit: '新华区', base: 1, hits: 1 }],
    });
  });

  it('judged mid-month: an open task is late only once its due time has passed', async () => {
    // order 3's sign task (due 28 Sept, open) is late on 1 Oct; order 2's was completed late
    const early = await measureAt(at('2026-09-30T16:00:00Z'), { key: 'signLate', of: 'active', where: [{ taskLate: 'sign' }] });
    expect(early.signLate).toEqual([{ unit: '新华区', base: 2, hits: 2 }]);
    // judged before order 3's sign task fell due, only the task completed late counts
    const beforeDue = await measureAt(at('2026-09-28T05:00:00Z'), { key: 'signLate', of: 'active', where: [{ taskLate: 'sign' }] });
    expect(beforeDue.signLate).toEqual([{ unit: '新华区', base: 1, hits: 1 }]);
  });

  it('takes every value as a bound parameter (a condition value with SQL in it is just text)', async () => {
    const r = await measure({ key: 'x', of: 'received', where: [{ data: "satisfaction') OR true --", in: ["' OR '1'='1"] }] });
    expect(r.x).toEqual([]);
  });
});
