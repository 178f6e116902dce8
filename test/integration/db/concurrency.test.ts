import type { Database } from '../../../src/db/database';
import { createUnitOfWork } from '../../../src/db/unit-of-work';
import type { UnitOfWork } from '../../../src/engine/ports';
import { ConflictError } from '../../../src/shared/errors';
import { onPostgres, openTestDatabase } from '../../helpers/test-db';
import { at, insertOrder, newInstance, newOrder } from './db-fixtures';

jest.setTimeout(30_000);

let database: Database;
let uow: UnitOfWork;

beforeAll(async () => {
  database = await openTestDatabase();
  uow = createUnitOfWork(database.db);
});
afterAll(async () => {
  await database.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await sleep(10);
  }
  throw new ConflictError('TIMEOUT', `timed out waiting for ${what}`);
}

async function orderWithInstance(city = 'pds') {
  const order = await uow.run((r) => insertOrder(r, newOrder({ city }), 'PDS'));
  const instance = await uow.run((r) => r.instances.insert(newInstance(order.id), order.createdAt));
  return { order, instance };
}

describe('order numbers', () => {
  it('are unique and sequential per city and day under 20 concurrent inserts', async () => {
    const createdAt = at('2026-05-01T01:00:00Z');
    const inserts = Array.from({ length: 20 }, (_, i) =>
      uow.run((r) =>
        insertOrder(r, newOrder({ city: i % 2 === 0 ? 'even' : 'odd', createdAt }), i % 2 === 0 ? 'EV' : 'OD'),
      ),
    );
    inserts.push(
      uow.run((r) => insertOrder(r, newOrder({ city: 'even', createdAt: at('2026-05-02T01:00:00Z') }), 'EV')),
    );
    const numbers = (await Promise.all(inserts)).map((o) => o.number).sort();
    const expected = (prefix: string) =>
      Array.from({ length: 10 }, (_, i) => `${prefix}-20260501-${String(i + 1).padStart(6, '0')}`);
    expect(numbers).toEqual([...expected('EV'), 'EV-20260502-000001', ...expected('OD')].sort());
  });
});

describe('process instance locking', () => {
  it('throws STALE_INSTANCE when saving from an old row version', async () => {
    const { order, instance } = await orderWithInstance();
    await uow.run((r) => r.instances.save({ ...instance, state: { step: 2 } }, at('2026-03-02T03:00:00Z')));
    const stale = uow.run((r) =>
      r.instances.save({ ...instance, state: { step: 'lost update' } }, at('2026-03-02T03:00:01Z')),
    );
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toMatchObject({
      code: 'STALE_INSTANCE',
      details: { rowVersion: 1, currentRowVersion: 2 },
    });
    const current = await uow.run((r) => r.instances.lockByOrderId(order.id));
    expect(current).toMatchObject({ rowVersion: 2, state: { step: 2 } });
  });

  it('makes a second transaction wait until the first commits, then shows it the new row', async () => {
    const { order } = await orderWithInstance();
    const events: string[] = [];
    let commitFirst!: () => void;
    const gate = new Promise<void>((resolve) => (commitFirst = resolve));

    const first = uow.run(async (r) => {
      const mine = await r.instances.lockByOrderId(order.id);
      events.push('first locked');
      await gate;
      await r.instances.save({ ...mine!, state: { by: 'first' } }, at('2026-03-02T04:00:00Z'));
      events.push('first commits');
    });
    await until(() => events.includes('first locked'), 'the first lock');
    const second = uow.run(async (r) => {
      const seen = await r.instances.lockByOrderId(order.id);
      events.push('second locked');
      return seen;
    });
    if (onPostgres()) {
      // The second transaction is inside PostgreSQL, blocked on the row lock.
      await until(async () => (await waitingOnLocks()) > 0, 'the second transaction to wait on the row lock');
    } else {
      // PGlite: one connection, so the second transaction cannot even begin: serialised.
      await sleep(100);
    }
    expect(events).toEqual(['first locked']);
    commitFirst();
    const [, seen] = await Promise.all([first, second]);
    expect(events).toEqual(['first locked', 'first commits', 'second locked']);
    expect(seen).toMatchObject({ rowVersion: 2, state: { by: 'first' } });
  });

  it('lets a task lock wait in the same way (lockById)', async () => {
    const { order, instance } = await orderWithInstance();
    const { newTask } = await import('./db-fixtures');
    const task = newTask(order.id, instance.id);
    await uow.run((r) => r.tasks.insert(task));
    const events: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = uow.run(async (r) => {
      await r.tasks.lockById(task.id);
      events.push('first');
      await gate;
      await r.tasks.update({
        ...task,
        status: 'completed',
        completedBy: 'u1',
        completedAt: at('2026-03-02T05:00:00Z'),
      });
    });
    await until(() => events.includes('first'), 'the first lock');
    const second = uow.run(async (r) => {
      const seen = await r.tasks.lockById(task.id);
      events.push('second');
      return seen;
    });
    await sleep(100);
    expect(events).toEqual(['first']);
    release();
    const [, seen] = await Promise.all([first, second]);
    expect(seen?.status).toBe('completed');
  });
});

async function waitingOnLocks(): Promise<number> {
  const { rows } = await database.pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return Number(rows[0]?.n ?? 0);
}
