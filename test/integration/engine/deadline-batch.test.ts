/**
 * DeadlineService.fireMany (a batch of deadlines in one transaction, as the deadline sweeper
 * runs them) has exactly the effect of `fire` run job by job: the same flags, the same audit
 * events in the same order, nothing on a closed order, a completed task or a task not yet due,
 * nothing twice — also when the batch runs again or carries two deadlines of one task.
 */
import crypto from 'node:crypto';
import type { Database } from '../../../src/db/database';
import { createRepositories } from '../../../src/db/repositories/repositories';
import { createUnitOfWork } from '../../../src/db/unit-of-work';
import type { Repositories, Task, UnitOfWork, WorkOrder } from '../../../src/engine/ports';
import { DeadlineJobData, DeadlineService } from '../../../src/engine/work-order/deadline.service';
import { openTestDatabase } from '../../helpers/test-db';
import { at, insertOrder, newInstance, newOrder, newTask } from '../db/db-fixtures';

jest.setTimeout(30_000);

const NOW = at('2026-03-02T05:00:00Z');
const clock = { now: () => NOW };
let database: Database;
let uow: UnitOfWork;
let repos: Repositories;
let deadlines: DeadlineService;

beforeAll(async () => {
  database = await openTestDatabase();
  uow = createUnitOfWork(database.db);
  repos = createRepositories(database.db);
  deadlines = new DeadlineService(uow, clock);
});
afterAll(async () => {
  await database.close();
});

interface Seeded {
  orders: Record<string, WorkOrder>;
  tasks: Record<string, Task>;
  jobs: DeadlineJobData[];
}

/** One world of orders and tasks with a label each, and the deadlines due for them. */
async function seed(): Promise<Seeded> {
  const orders: Record<string, WorkOrder> = {};
  const tasks: Record<string, Task> = {};
  const add = async (label: string, o: Partial<WorkOrder>, task?: Partial<Task>) => {
    const order = await uow.run(async (r) => {
      const saved = await insertOrder(r, newOrder({ dueAt: at('2026-03-02T04:00:00Z'), flags: o.flags ?? [] }), 'PDS');
      const instance = await r.instances.insert(newInstance(saved.id), NOW);
      if (task) {
        const t = newTask(saved.id, instance.id, task);
        await r.tasks.insert(t);
        tasks[label] = t;
      }
      if (o.closedAt) await r.orders.update({ ...saved, closedAt: o.closedAt, status: 'closed' });
      return saved;
    });
    orders[label] = order;
  };
  await add('due', {});
  await add('closed', { closedAt: at('2026-03-02T03:00:00Z') });
  await add('flagged', { flags: ['overdue'] });
  await add('task-due', {}, {});
  await add('task-ahead', {}, { dueAt: at('2026-03-02T06:00:00Z') });
  await add('task-done', {}, { status: 'completed', completedAt: at('2026-03-02T03:00:00Z'), completedBy: 'u1' });
  await add('task-warned', {}, { flags: ['due-soon'] });
  await add('closed-task', { closedAt: at('2026-03-02T03:00:00Z') }, {});
  const o = (label: string) => orders[label]!.id;
  const t = (label: string) => tasks[label]!.id;
  const jobs: DeadlineJobData[] = [
    { kind: 'order-overdue', orderId: o('due') },
    { kind: 'order-overdue', orderId: o('closed') },
    { kind: 'order-overdue', orderId: o('flagged') },
    { kind: 'task-warning', orderId: o('task-due'), taskId: t('task-due') },
    { kind: 'task-overdue', orderId: o('task-due'), taskId: t('task-due') },
    { kind: 'order-overdue', orderId: o('task-due') },
    { kind: 'task-warning', orderId: o('task-ahead'), taskId: t('task-ahead') },
    { kind: 'task-overdue', orderId: o('task-ahead'), taskId: t('task-ahead') },
    { kind: 'task-overdue', orderId: o('task-done'), taskId: t('task-done') },
    { kind: 'task-warning', orderId: o('task-warned'), taskId: t('task-warned') },
    { kind: 'task-overdue', orderId: o('task-warned'), taskId: t('task-warned') },
    { kind: 'task-overdue', orderId: o('closed-task'), taskId: t('closed-task') },
    { kind: 'order-overdue', orderId: o('due') }, // the same job twice in one batch
    { kind: 'task-overdue', orderId: crypto.randomUUID(), taskId: crypto.randomUUID() }, // gone
  ];
  return { orders, tasks, jobs };
}

/** What the deadlines left, by label, with ids replaced by labels. */
async function outcome(world: Seeded) {
  const result: Record<string, unknown> = {};
  for (const [label, order] of Object.entries(world.orders)) {
    const now = await repos.orders.findById(order.id);
    const task = world.tasks[label] ? await repos.tasks.findById(world.tasks[label].id) : null;
    const events = (await repos.audit.findByOrder(order.id))
      .filter((e) => e.type.startsWith('deadline.'))
      .map((e) => ({ type: e.type, at: e.at, actor: e.actor, data: { ...e.data, taskId: e.data.taskId ? 'task' : undefined } }));
    result[label] = { orderFlags: now?.flags, updatedAt: now?.updatedAt, taskFlags: task?.flags, events };
  }
  return result;
}

describe('DeadlineService.fireMany', () => {
  it('has the effect of fire job by job, on every kind of deadline and order', async () => {
    const oneByOne = await seed();
    for (const job of oneByOne.jobs) await deadlines.fire(job);
    const batch = await seed();
    await deadlines.fireMany(batch.jobs);

    const expected = await outcome(oneByOne);
    expect(await outcome(batch)).toEqual(expected);
    expect(expected).toMatchObject({
      due: { orderFlags: ['overdue'], updatedAt: NOW, events: [{ type: 'deadline.order-overdue', at: NOW, actor: 'system' }] },
      closed: { orderFlags: [], events: [] },
      flagged: { orderFlags: ['overdue'], events: [] },
      'task-due': {
        orderFlags: ['overdue'],
        taskFlags: ['due-soon', 'overdue'],
        events: [{ type: 'deadline.task-warning' }, { type: 'deadline.task-overdue' }, { type: 'deadline.order-overdue' }],
      },
      'task-ahead': { taskFlags: ['due-soon'], events: [{ type: 'deadline.task-warning' }] },
      'task-done': { taskFlags: [], events: [] },
      'task-warned': { taskFlags: ['due-soon', 'overdue'], events: [{ type: 'deadline.task-overdue' }] },
      'closed-task': { taskFlags: [], events: [] },
    });
  });

  it('applies nothing twice when the batch runs again (a sweeper killed before marking it done)', async () => {
    const world = await seed();
    await deadlines.fireMany(world.jobs);
    const first = await outcome(world);
    await deadlines.fireMany(world.jobs);
    await deadlines.fireMany([...world.jobs].reverse());
    expect(await outcome(world)).toEqual(first);
  });

  it('does nothing for an empty batch', async () => {
    await expect(deadlines.fireMany([])).resolves.toBeUndefined();
  });
});
