import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../../src/db/database';
import { createRepositories } from '../../../src/db/repositories/repositories';
import type { AuditEvent, Repositories } from '../../../src/engine/ports';
import { openTestDatabase } from '../../helpers/test-db';
import { at } from './db-fixtures';

jest.setTimeout(30_000);

let database: Database;
let repos: Repositories;

beforeAll(async () => {
  database = await openTestDatabase();
  repos = createRepositories(database.db);
});
afterAll(async () => {
  await database.close();
});

const event = (orderId: string | null, type: string, minute: number): AuditEvent => ({
  orderId,
  city: 'pds',
  type,
  actor: type.startsWith('timer') ? 'system' : 'u1',
  at: at(`2026-03-02T02:${String(minute).padStart(2, '0')}:00Z`),
  data: { minute, note: '说明' },
});

describe('AuditLog', () => {
  const orderId = crypto.randomUUID();

  beforeAll(async () => {
    await repos.audit.append([event(orderId, 'order.created', 0), event(orderId, 'task.completed', 5)]);
    await repos.audit.append([event(orderId, 'timer.fired', 1), event(null, 'system.started', 2)]);
    await repos.audit.append([]);
  });

  it("returns an order's events in the order they were appended, with numeric ids", async () => {
    const stored = await repos.audit.findByOrder(orderId);
    expect(stored.map(({ id: _id, ...rest }) => rest)).toEqual([
      event(orderId, 'order.created', 0),
      event(orderId, 'task.completed', 5),
      event(orderId, 'timer.fired', 1),
    ]);
    const ids = stored.map((e) => e.id);
    expect(ids.every((id) => typeof id === 'number')).toBe(true);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it.each([
    ['UPDATE', sql`UPDATE audit_events SET actor = 'forger'`],
    ['DELETE', sql`DELETE FROM audit_events`],
    ['TRUNCATE', sql`TRUNCATE audit_events`],
  ])('refuses %s: the table is append-only', async (_op, statement) => {
    await expect(statement.execute(database.db)).rejects.toThrow(/append-only/);
    expect(await repos.audit.findByOrder(orderId)).toHaveLength(3);
  });
});
