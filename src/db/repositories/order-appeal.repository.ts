import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { AppealStore, NearbyQuery, OrderAppeal } from '../../engine/merge/merge.ports';
import type { OrderStatus } from '../../engine/ports';
import type { DatabaseSchema, OrderAppealsTable } from '../database.types';
import { isUuidText } from '../uuid-text';
import { phoneKey } from '../../engine/merge/related-orders';
import { countedOnItsOwn } from './lateness.sql';
import { toWorkOrder } from './work-order.repository';

/** The normalized phone of an order's requester: the expression migration 14 indexes. */
const ORDER_PHONE_KEY: RawBuilder<string> = sql`regexp_replace(regexp_replace(o.requester->>'phone', '[^0-9]', '', 'g'), '^86(1[0-9]{10})$', '\\1')`;

export function createAppealRepository(db: Kysely<DatabaseSchema>): AppealStore {
  return {
    async insert(a) {
      await db
        .insertInto('order_appeals')
        .values({
          id: a.id,
          city: a.city,
          order_id: a.orderId,
          source_order_id: a.sourceOrderId,
          requester: JSON.stringify(a.requester),
          phone_key: phoneKey(a.requester.phone),
          channel: a.channel,
          content: a.content,
          called_at: a.calledAt,
          merged_by: a.mergedBy,
          merged_at: a.mergedAt,
          counted_repeat: a.countedRepeat,
          restore: a.restore ? JSON.stringify(a.restore) : null,
          undone_by: null,
          undone_at: null,
        })
        .execute();
    },
    async findByOrder(orderId) {
      if (!isUuidText(orderId)) return [];
      const rows = await db.selectFrom('order_appeals').selectAll().where('order_id', '=', orderId).where('undone_at', 'is', null).orderBy('called_at').orderBy('merged_at').execute();
      return rows.map(toAppeal);
    },
    async findBySource(sourceOrderId) {
      if (!isUuidText(sourceOrderId)) return null;
      const row = await db.selectFrom('order_appeals').selectAll().where('source_order_id', '=', sourceOrderId).where('undone_at', 'is', null).executeTakeFirst();
      return row ? toAppeal(row) : null;
    },
    async markUndone(id, by, at) {
      await db.updateTable('order_appeals').set({ undone_by: by, undone_at: at }).where('id', '=', id).execute();
    },
    async findByPhone(city, key, limit) {
      const rows = await sql<Parameters<typeof toWorkOrder>[0]>`
        SELECT o.* FROM work_orders o
        WHERE o.city = ${city} AND ${countedOnItsOwn}
          AND (${ORDER_PHONE_KEY} = ${key}
               OR EXISTS (SELECT 1 FROM order_appeals a WHERE a.order_id = o.id AND a.city = ${city} AND a.phone_key = ${key} AND a.undone_at IS NULL))
        ORDER BY o.created_at DESC LIMIT ${limit}`.execute(db);
      return rows.rows.map(toWorkOrder);
    },
    async findOpenNearby(q: NearbyQuery, limit) {
      const matter = [q.topic ? sql`o.topic = ${q.topic}` : null, q.category ? sql`o.category = ${q.category}` : null].filter((x) => x !== null);
      if (matter.length === 0) return [];
      const rows = await sql<Parameters<typeof toWorkOrder>[0]>`
        SELECT o.* FROM work_orders o
        WHERE o.city = ${q.city} AND o.closed_at IS NULL AND ${countedOnItsOwn}
          AND o.location->>'district' = ${q.district} AND o.created_at >= ${q.since}
          AND (${sql.join(matter, sql` OR `)})
        ORDER BY o.created_at DESC LIMIT ${limit}`.execute(db);
      return rows.rows.map(toWorkOrder);
    },
  };
}

function toAppeal(row: Selectable<OrderAppealsTable>): OrderAppeal {
  return {
    id: row.id,
    city: row.city,
    orderId: row.order_id,
    sourceOrderId: row.source_order_id,
    requester: row.requester,
    channel: row.channel,
    content: row.content,
    calledAt: row.called_at,
    mergedBy: row.merged_by,
    mergedAt: row.merged_at,
    countedRepeat: row.counted_repeat,
    restore: row.restore ? { status: row.restore.status as OrderStatus, taskIds: row.restore.taskIds } : null,
    undoneBy: row.undone_by,
    undoneAt: row.undone_at,
  };
}
