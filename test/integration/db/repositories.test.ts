import crypto from 'node:crypto';
import type { Database } from '../../../src/db/database';
import { createRepositories } from '../../../src/db/repositories/repositories';
import { createUnitOfWork } from '../../../src/db/unit-of-work';
import type { Repositories, UnitOfWork } from '../../../src/engine/ports';
import { ConflictError, NotFoundError } from '../../../src/shared/errors';
import { openTestDatabase } from '../../helpers/test-db';
import { at, insertOrder, newInstance, newOrder, newTask } from './db-fixtures';

jest.setTimeout(30_000);

let database: Database;
let uow: UnitOfWork;
let repos: Repositories;

beforeAll(async () => {
  database = await openTestDatabase();
  uow = createUnitOfWork(database.db);
  repos = createRepositories(database.db);
});
afterAll(async () => {
  await database.close();
});

describe('WorkOrderStore', () => {
  it('round-trips an order with its number, dates and JSON fields', async () => {
    const order = newOrder({
      city: 'rt',
      coUnits: ['城管局', '环保局'],
      flags: ['supervised'],
      data: { returns: 1, tags: ['a'] },
    });
    const saved = await uow.run((r) => insertOrder(r, order, 'RT'));
    expect(saved).toEqual({ ...order, number: 'RT-20260302-000001', updatedAt: order.createdAt, closedAt: null });
    expect(saved.createdAt).toBeInstanceOf(Date);
    expect(await repos.orders.findById(order.id)).toEqual(saved);
    expect(await repos.orders.findByNumber('rt', saved.number)).toEqual(saved);
    expect(await repos.orders.findByNumber('other', saved.number)).toBeNull();
    expect(await repos.orders.findById(crypto.randomUUID())).toBeNull();
  });

  it('updates every mutable field', async () => {
    const saved = await uow.run((r) => insertOrder(r, newOrder({ city: 'up' }), 'UP'));
    const changed = {
      ...saved,
      status: 'closed' as const,
      leadUnit: '城管局',
      coUnits: ['环保局'],
      dueAt: at('2026-03-20T10:00:00Z'),
      dueProvisional: true,
      flags: ['overdue', 'extended'],
      data: { extension: { days: 5 } },
      topic: null,
      updatedAt: at('2026-03-21T00:00:00Z'),
      closedAt: at('2026-03-21T00:00:00Z'),
    };
    await uow.run((r) => r.orders.update(changed));
    expect(await repos.orders.findById(saved.id)).toEqual(changed);
  });

  it('refuses to update an order that does not exist and to insert one twice', async () => {
    const order = newOrder({ city: 'nf' });
    await expect(
      repos.orders.update({ ...order, number: 'X', updatedAt: order.createdAt, closedAt: null }),
    ).rejects.toMatchObject({
      code: 'ORDER_NOT_FOUND',
    });
    await uow.run((r) => insertOrder(r, order, 'NF'));
    await expect(uow.run((r) => insertOrder(r, order, 'NF'))).rejects.toBeInstanceOf(ConflictError);
  });

  it('numbers by the Asia/Shanghai date of createdAt', async () => {
    const late = await uow.run((r) =>
      insertOrder(r, newOrder({ city: 'tz', createdAt: at('2026-03-02T15:59:59Z') }), 'TZ'),
    );
    const nextDay = await uow.run((r) =>
      insertOrder(r, newOrder({ city: 'tz', createdAt: at('2026-03-02T16:00:00Z') }), 'TZ'),
    );
    expect(late.number).toBe('TZ-20260302-000001');
    expect(nextDay.number).toBe('TZ-20260303-000001');
  });
});

describe('ProcessInstanceStore', () => {
  it('inserts with row version 1 and saves with an increment', async () => {
    const order = await uow.run((r) => insertOrder(r, newOrder(), 'PDS'));
    const draft = newInstance(order.id);
    const created = await uow.run((r) => r.instances.insert(draft, at('2026-03-02T02:00:00Z')));
    expect(created).toEqual({
      ...draft,
      rowVersion: 1,
      createdAt: at('2026-03-02T02:00:00Z'),
      updatedAt: at('2026-03-02T02:00:00Z'),
    });
    const saved = await uow.run(async (r) => {
      const locked = await r.instances.lockByOrderId(order.id);
      expect(locked).toEqual(created);
      return r.instances.save({ ...locked!, status: 'completed', state: { done: true } }, at('2026-03-03T00:00:00Z'));
    });
    expect(saved).toEqual({
      ...created,
      status: 'completed',
      state: { done: true },
      rowVersion: 2,
      updatedAt: at('2026-03-03T00:00:00Z'),
    });
    expect(await uow.run((r) => r.instances.lockByOrderId(order.id))).toEqual(saved);
    expect(await uow.run((r) => r.instances.lockByOrderId(crypto.randomUUID()))).toBeNull();
  });

  it('refuses a second instance for the same order', async () => {
    const order = await uow.run((r) => insertOrder(r, newOrder(), 'PDS'));
    await uow.run((r) => r.instances.insert(newInstance(order.id), order.createdAt));
    await expect(uow.run((r) => r.instances.insert(newInstance(order.id), order.createdAt))).rejects.toMatchObject({
      code: 'INSTANCE_EXISTS',
    });
  });
});

describe('TaskStore', () => {
  it('round-trips, updates and lists tasks by order', async () => {
    const order = await uow.run((r) => insertOrder(r, newOrder(), 'PDS'));
    const instance = await uow.run((r) => r.instances.insert(newInstance(order.id), order.createdAt));
    const first = newTask(order.id, instance.id);
    const second = newTask(order.id, instance.id, {
      createdAt: at('2026-03-02T03:00:00Z'),
      dueAt: null,
      candidateRoles: [],
    });
    await uow.run(async (r) => {
      await r.tasks.insert(second);
      await r.tasks.insert(first);
    });
    expect(await repos.tasks.findById(first.id)).toEqual(first);
    expect(await repos.tasks.findByOrder(order.id)).toEqual([first, second]);
    const done = {
      ...first,
      status: 'completed' as const,
      assignee: 'u1',
      completedBy: 'u1',
      completedAt: at('2026-03-02T03:30:00Z'),
      outcome: 'dispatched',
      formData: { leadUnit: '城管局', note: '请尽快处理' },
      flags: ['warned'],
    };
    await uow.run(async (r) => {
      expect(await r.tasks.lockById(first.id)).toEqual(first);
      await r.tasks.update(done);
    });
    expect(await repos.tasks.findById(first.id)).toEqual(done);
    expect(await repos.tasks.findOpenByOrder(order.id)).toEqual([second]);
    expect(await repos.tasks.findByOrder(order.id)).toEqual([done, second]);
    expect(await repos.tasks.findById(crypto.randomUUID())).toBeNull();
    await expect(repos.tasks.update(newTask(order.id, instance.id))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a second task for the same execution', async () => {
    const order = await uow.run((r) => insertOrder(r, newOrder(), 'PDS'));
    const instance = await uow.run((r) => r.instances.insert(newInstance(order.id), order.createdAt));
    const task = newTask(order.id, instance.id);
    await repos.tasks.insert(task);
    await expect(repos.tasks.insert({ ...task, id: crypto.randomUUID() })).rejects.toMatchObject({
      code: 'TASK_EXISTS',
    });
  });
});

describe('DeploymentStore and PolicyVersionStore', () => {
  it('keeps versions, finds the latest and refuses a duplicate version', async () => {
    const d = (version: number) => ({
      processKey: 'rt-proc',
      version,
      xml: `<bpmn v="${version}"/>`,
      hash: `h${version}`,
      deployedBy: 'admin',
      deployedAt: at(`2026-01-0${version}T00:00:00Z`),
    });
    expect(await repos.deployments.latest('rt-proc')).toBeNull();
    await repos.deployments.insert(d(2));
    await repos.deployments.insert(d(1));
    expect(await repos.deployments.latest('rt-proc')).toEqual(d(2));
    expect(await repos.deployments.get('rt-proc', 1)).toEqual(d(1));
    expect(await repos.deployments.get('rt-proc', 3)).toBeNull();
    expect(await repos.deployments.list('rt-proc')).toEqual([d(1), d(2)]);
    await expect(repos.deployments.insert(d(2))).rejects.toMatchObject({ code: 'DEPLOYMENT_EXISTS' });

    const p = (version: number) => ({
      city: 'rt-city',
      version,
      yaml: `version: ${version}\n`,
      hash: `p${version}`,
      savedBy: 'admin',
      savedAt: at(`2026-02-0${version}T00:00:00Z`),
    });
    expect(await repos.policies.latest('rt-city')).toBeNull();
    await repos.policies.insert(p(1));
    await repos.policies.insert(p(2));
    expect(await repos.policies.latest('rt-city')).toEqual(p(2));
    expect(await repos.policies.get('rt-city', 1)).toEqual(p(1));
    expect(await repos.policies.list('rt-city')).toEqual([p(1), p(2)]);
    await expect(repos.policies.insert(p(1))).rejects.toMatchObject({ code: 'POLICY_VERSION_EXISTS' });
  });
});

describe('UnitOfWork', () => {
  it('rolls everything back when fn throws, and rethrows the error as is', async () => {
    const order = newOrder({ city: 'rb' });
    const failure = new ConflictError('BOOM', 'boom');
    await expect(
      uow.run(async (r) => {
        await insertOrder(r, order, 'RB');
        await r.audit.append([
          { orderId: order.id, city: 'rb', type: 'order.created', actor: 'u1', at: order.createdAt, data: {} },
        ]);
        await r.jobs.schedule([{ key: `rb:${order.id}`, name: 'minhu.timer', runAt: order.createdAt, data: {} }]);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await repos.orders.findById(order.id)).toBeNull();
    expect(await repos.audit.findByOrder(order.id)).toEqual([]);
    expect(await repos.jobs.pendingKeys(`rb:${order.id}`)).toEqual([]);
    // The counter rolled back too: the next order of the day is still number 1.
    expect((await uow.run((r) => insertOrder(r, newOrder({ city: 'rb' }), 'RB'))).number).toBe('RB-20260302-000001');
  });
});
