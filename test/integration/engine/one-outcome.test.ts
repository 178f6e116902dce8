/**
 * One outcome whatever process serves (issue 12): the same commands on the virtual clock give
 * the same tasks, jobs and audit with the engine cache on and off, also when a task is
 * completed just after its boundary timer fell due and before the worker ran the timer; and a
 * durable job whose task or order has moved on does nothing (a timer job for a completed task,
 * a deadline warning for a due time an approved extension moved).
 */
import { sql } from 'kysely';
import { Harness, openHarness, sampleOrder } from '../../helpers/engine-harness';
import { TIMER_JOB } from '../../../src/engine/work-order/job-keys';
import type { DeadlineJobData } from '../../../src/engine/work-order/deadline.service';
import { createDeadlineSweep } from '../../../src/scheduler/deadline-sweeper';
import { silentLogger } from '../../../src/shared/logger';

jest.setTimeout(120_000);

const START = '2026-03-02T09:00:00+08:00';
/** The sample's help order is due Mon 03-09 24:00 (5 working days); its 办理 timer falls due then. */
const DUE = new Date('2026-03-09T15:59:59.999Z');
const after = (d: Date, ms: number) => new Date(d.getTime() + ms);
const REPLY = { result: '已修复', informedAt: '2026-03-02T09:00:00+08:00', informedBy: '电话' };

async function complete(h: Harness, orderId: string, formKey: string, ref: string, outcome: string, data?: Record<string, unknown>): Promise<void> {
  const task = (await h.openTasks(orderId)).find((t) => t.formKey === formKey);
  if (!task) throw new Error(`no open ${formKey} on ${orderId}`);
  await h.runtime.workOrders.completeTask(h.actor(ref), task.id, { outcome, data });
}

interface JobRow {
  name: string;
  key: string;
  data: Record<string, unknown>;
  next_run_at: Date | null;
  last_run_at: Date | null;
}

async function jobRows(h: Harness): Promise<JobRow[]> {
  const { rows } = await sql<JobRow>`SELECT name, data->>'key' AS key, data, next_run_at, last_run_at FROM agenda_jobs WHERE name LIKE 'minhu.%'`.execute(h.runtime.database.db);
  return rows;
}

/** Tasks (in creation order), jobs and audit events of an order, ids replaced by their order of first appearance. */
async function snapshot(h: Harness, orderId: string): Promise<unknown> {
  const tasks = (await h.runtime.workOrders.tasksOf(orderId)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.activityId.localeCompare(b.activityId));
  const audit = (await h.runtime.workOrders.auditOf(orderId)).map(({ id: _id, ...e }) => e);
  const ids = new Map<string, string>();
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
  const normal = (value: unknown): string =>
    JSON.stringify(value).replace(uuid, (id) => {
      if (!ids.has(id)) ids.set(id, `<id${ids.size}>`);
      return ids.get(id) as string;
    });
  const first = normal({ orderId, tasks: tasks.map(({ executionId: _e, ...t }) => t) });
  const jobs = (await jobRows(h)).map((j) => normal({ ...j, data: { ...j.data, key: undefined } })).sort();
  return { first: JSON.parse(first) as unknown, jobs: jobs.map((j) => JSON.parse(j) as unknown), audit: JSON.parse(normal(audit)) as unknown };
}

/** The commands, on a fresh database: the 办理 task is answered 30 s after its timer fell due, before the worker ran it. */
async function run(engineCacheSize: number): Promise<unknown> {
  const h = await openHarness(START, { engineCacheSize });
  try {
    const order = await h.runtime.workOrders.intake(h.actor('operator'), sampleOrder());
    await complete(h, order.id, 'sign', 'handler@新华区', 'done');
    await h.jobs.advanceTo(after(DUE, -60_000)); // the warning of 办理 runs; its timer is not due yet
    h.clock.set(after(DUE, 30_000)); // the timer has fallen due; no worker has run it
    await complete(h, order.id, 'handle', 'handler@新华区', 'reply', REPLY);
    const open = (await h.openTasks(order.id)).map((t) => t.formKey).sort();
    expect(open).toEqual(['remind', 'review']); // the 催办 appeared: the timer fired before the answer
    await h.jobs.advanceTo(after(DUE, 86_400_000));
    await complete(h, order.id, 'remind', 'dispatcher', 'done', { note: '已电话催办' });
    await complete(h, order.id, 'review', 'dispatcher', 'approve');
    await complete(h, order.id, 'visit', 'dispatcher', 'done', { satisfaction: '满意' });
    await h.jobs.advanceTo(after(DUE, 10 * 86_400_000));
    expect((await h.runtime.workOrders.getOrder(order.id)).status).toBe('closed');
    return await snapshot(h, order.id);
  } finally {
    await h.close();
  }
}

it('gives the same tasks, jobs and audit with the engine cache on and off, a timer past due included', async () => {
  const cached = await run(500);
  const recovered = await run(0);
  expect(cached).toEqual(recovered);
  const types = (recovered as { audit: Array<{ type: string; data: Record<string, unknown> }> }).audit;
  expect(types.filter((e) => e.type === 'timer.fired').map((e) => e.data.activityId)).toEqual(['handleDue']);
});

describe('a timer job whose timer no longer waits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(START);
  });
  afterAll(async () => {
    await h.close();
  });

  it('changes nothing when its task was completed meanwhile (a job the worker had already taken)', async () => {
    const order = await h.runtime.workOrders.intake(h.actor('operator'), sampleOrder());
    await complete(h, order.id, 'sign', 'handler@新华区', 'done');
    const timer = (await jobRows(h)).find((j) => j.name === TIMER_JOB && j.next_run_at !== null);
    expect(timer?.data).toMatchObject({ activityId: 'handleDue', expireAt: DUE.toISOString() });
    await complete(h, order.id, 'handle', 'handler@新华区', 'reply', REPLY);
    expect((await jobRows(h)).filter((j) => j.name === TIMER_JOB && j.next_run_at !== null)).toEqual([]); // cancelled
    const before = { audit: await h.runtime.workOrders.auditOf(order.id), tasks: await h.runtime.workOrders.tasksOf(order.id), order: await h.runtime.workOrders.getOrder(order.id) };
    h.clock.set(after(DUE, 1000));
    await h.runtime.jobHandlers[TIMER_JOB]!(timer!.data); // as Agenda runs a job it took before the cancel
    expect(await h.runtime.workOrders.auditOf(order.id)).toEqual(before.audit);
    expect(await h.runtime.workOrders.tasksOf(order.id)).toEqual(before.tasks);
    expect(await h.runtime.workOrders.getOrder(order.id)).toEqual(before.order);
  });
});

describe('a deadline job for a due time that has since moved', () => {
  // 跟踪 (a centre task due with the order) stays open while 办理 asks for an extension
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(START, { processesDir: 'test/fixtures/bpmn/watch-beside-handle' });
  });
  afterAll(async () => {
    await h.close();
  });

  /** An order whose 办理 has asked for 3 more working days; 跟踪's warning falls due 03-08 24:00. */
  async function extensionAsked(): Promise<string> {
    const order = await h.runtime.workOrders.intake(h.actor('operator'), sampleOrder());
    await complete(h, order.id, 'handle', 'handler@新华区', 'extend', { days: 3, reason: '需现场勘查' });
    return order.id;
  }

  const watchOf = async (orderId: string) => (await h.runtime.workOrders.tasksOf(orderId)).find((t) => t.formKey === 'remind')!;
  const warningsOf = async (orderId: string) => (await h.runtime.workOrders.auditOf(orderId)).filter((e) => e.type === 'deadline.task-warning');

  /** The warning job of the order's 跟踪 as it is stored now (what a worker that took it holds). */
  async function warningJob(orderId: string): Promise<DeadlineJobData> {
    const watch = await watchOf(orderId);
    const row = (await jobRows(h)).find((j) => j.key === `deadline:task:${watch.id}:warning` && j.next_run_at !== null)!;
    const data: Record<string, unknown> = { ...row.data };
    delete data.key; // the virtual runner and the sweeper hand the job its data without its key
    return data as unknown as DeadlineJobData;
  }

  const approve = (orderId: string) => complete(h, orderId, 'reviewExtension', 'dispatcher', 'approve', { days: 3 });

  it('does nothing, one by one and in a batch the sweeper claimed before the extension replaced it; the new one marks', async () => {
    const one = await extensionAsked();
    const batched = await extensionAsked();
    h.clock.set(new Date('2026-03-08T16:30:00Z')); // both warnings are due, no worker ran them yet
    const stale = await warningJob(one);
    expect(stale).toMatchObject({ kind: 'task-warning', dueAt: DUE.toISOString() });

    // one by one: the worker holds the job while the extension is approved
    await approve(one);
    expect((await watchOf(one)).dueAt).toEqual(new Date('2026-03-12T15:59:59.999Z'));
    await h.runtime.deadlines.fire(stale);
    expect((await watchOf(one)).flags).toEqual([]);
    expect(await warningsOf(one)).toEqual([]);

    // the sweeper's batch: claimed, then the extension is approved, then the batch is applied
    const claimed: DeadlineJobData[] = [];
    const sweep = createDeadlineSweep({
      pool: h.runtime.database.pool,
      clock: h.clock,
      logger: silentLogger(),
      worker: 'sweeper-test',
      lockLifetimeMs: 60_000,
      deadlines: {
        fireMany: async (jobs) => {
          claimed.push(...jobs);
          await approve(batched);
          await h.runtime.deadlines.fireMany(jobs);
        },
      },
    });
    expect(await sweep()).toBeGreaterThan(0);
    expect(claimed).toContainEqual(expect.objectContaining({ kind: 'task-warning', orderId: batched, dueAt: DUE.toISOString() }));
    expect((await watchOf(batched)).flags).toEqual([]);
    expect(await warningsOf(batched)).toEqual([]);

    // the jobs of the new due time (03-12) still warn, each once
    await h.jobs.advanceTo(new Date('2026-03-11T16:30:00Z'));
    for (const orderId of [one, batched]) {
      expect((await watchOf(orderId)).flags).toEqual(['due-soon']);
      expect((await warningsOf(orderId)).map((e) => e.data.dueAt)).toEqual(['2026-03-12T15:59:59.999Z']);
    }
  });
});
