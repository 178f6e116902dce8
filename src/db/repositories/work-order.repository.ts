import { sql, type Kysely } from 'kysely';
import type { NewWorkOrder, OrderStatus, WorkOrder, WorkOrderStore } from '../../engine/ports';
import { ConflictError, NotFoundError } from '../../shared/errors';
import type { DatabaseSchema, WorkOrderRow } from '../database.types';
import { formatOrderNumber, shanghaiDay } from '../order-number';
import { isUniqueViolation } from '../pg-errors';
import { isUuidText } from '../uuid-text';

/**
 * Work orders. `insert` numbers the order from `order_number_counters` in the caller's
 * transaction: the counter row stays locked until commit, so numbers per city and day are
 * unique and (when every insert commits) gap-free.
 */
export function createWorkOrderRepository(db: Kysely<DatabaseSchema>): WorkOrderStore {
  return new WorkOrderRepository(db);
}

class WorkOrderRepository implements WorkOrderStore {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async drawNumber(city: string, createdAt: Date, numberPrefix: string): Promise<string> {
    const day = shanghaiDay(createdAt);
    return formatOrderNumber(numberPrefix, day, await nextSequence(this.db, city, day));
  }

  async insert(order: NewWorkOrder, number: string): Promise<WorkOrder> {
    try {
      const row = await this.db
        .insertInto('work_orders')
        .values({
          ...toColumns(order),
          id: order.id,
          city: order.city,
          number,
          created_at: order.createdAt,
          updated_at: order.createdAt,
          closed_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toWorkOrder(row);
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new ConflictError('ORDER_EXISTS', `work order ${order.id} (${number}) already exists`, {
          orderId: order.id,
          number,
        }, { cause: err });
      }
      throw err;
    }
  }

  async findById(id: string): Promise<WorkOrder | null> {
    if (!isUuidText(id)) return null;
    const row = await this.db.selectFrom('work_orders').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toWorkOrder(row) : null;
  }

  async findByIds(ids: string[]): Promise<WorkOrder[]> {
    const keys = ids.filter(isUuidText);
    if (keys.length === 0) return [];
    const rows = await this.db.selectFrom('work_orders').selectAll().where('id', 'in', keys).execute();
    return rows.map(toWorkOrder);
  }

  async updateFlags(changes: Array<Pick<WorkOrder, 'id' | 'flags' | 'updatedAt'>>): Promise<void> {
    if (changes.length === 0) return;
    const rows = JSON.stringify(changes.map((c) => ({ id: c.id, flags: c.flags, updated_at: c.updatedAt.toISOString() })));
    await sql`UPDATE work_orders AS o SET flags = v.flags, updated_at = v.updated_at
      FROM jsonb_to_recordset(${rows}::jsonb) AS v(id uuid, flags jsonb, updated_at timestamptz)
      WHERE o.id = v.id`.execute(this.db);
  }

  async findRecentByPhone(city: string, phone: string, since: Date): Promise<WorkOrder[]> {
    const rows = await this.db
      .selectFrom('work_orders')
      .selectAll()
      .where('city', '=', city)
      .where(sql<string>`requester->>'phone'`, '=', phone)
      .where('created_at', '>=', since)
      .orderBy('created_at', 'desc')
      .limit(20)
      .execute();
    return rows.map(toWorkOrder);
  }

  async findByNumber(city: string, number: string): Promise<WorkOrder | null> {
    const row = await this.db
      .selectFrom('work_orders')
      .selectAll()
      .where('city', '=', city)
      .where('number', '=', number)
      .executeTakeFirst();
    return row ? toWorkOrder(row) : null;
  }

  async update(order: WorkOrder): Promise<void> {
    const result = await this.db
      .updateTable('work_orders')
      .set({ ...toColumns(order), updated_at: order.updatedAt, closed_at: order.closedAt })
      .where('id', '=', order.id)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) {
      throw new NotFoundError('ORDER_NOT_FOUND', `work order ${order.id} does not exist`, { orderId: order.id });
    }
  }
}

async function nextSequence(db: Kysely<DatabaseSchema>, city: string, day: string): Promise<number> {
  const row = await db
    .insertInto('order_number_counters')
    .values({ city, day, last: 1 })
    .onConflict((oc) => oc.columns(['city', 'day']).doUpdateSet({ last: sql<number>`order_number_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

/** The columns `insert` and `update` both write (not id, city, number or the timestamps). */
function toColumns(order: NewWorkOrder) {
  return {
    category: order.category,
    channel: order.channel,
    topic: order.topic,
    content: order.content,
    requester: JSON.stringify(order.requester),
    location: JSON.stringify(order.location),
    status: order.status,
    lead_unit: order.leadUnit,
    co_units: order.coUnits,
    due_at: order.dueAt,
    due_provisional: order.dueProvisional,
    flags: JSON.stringify(order.flags),
    data: JSON.stringify(order.data),
    process_key: order.processKey,
    process_version: order.processVersion,
    policy_version: order.policyVersion,
  };
}

export function toWorkOrder(row: WorkOrderRow): WorkOrder {
  return {
    id: row.id,
    city: row.city,
    number: row.number,
    category: row.category,
    channel: row.channel,
    topic: row.topic,
    content: row.content,
    requester: row.requester,
    location: row.location,
    status: row.status as OrderStatus,
    leadUnit: row.lead_unit,
    coUnits: row.co_units,
    dueAt: row.due_at,
    dueProvisional: row.due_provisional,
    flags: row.flags,
    data: row.data,
    processKey: row.process_key,
    processVersion: row.process_version,
    policyVersion: row.policy_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  };
}
