import type { Kysely } from 'kysely';
import type { AuditEvent, AuditLog, StoredAuditEvent } from '../../engine/ports';
import type { DatabaseSchema } from '../database.types';

/** The audit trail: append and read, nothing else (the table refuses UPDATE and DELETE). */
export function createAuditLogRepository(db: Kysely<DatabaseSchema>): AuditLog {
  return {
    async append(events: AuditEvent[]): Promise<void> {
      if (events.length === 0) return;
      await db
        .insertInto('audit_events')
        .values(
          events.map((e) => ({
            order_id: e.orderId,
            city: e.city,
            type: e.type,
            actor: e.actor,
            at: e.at,
            data: JSON.stringify(e.data),
          })),
        )
        .execute();
    },

    async findByOrder(orderId: string): Promise<StoredAuditEvent[]> {
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('order_id', '=', orderId)
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
        id: Number(row.id),
        orderId: row.order_id,
        city: row.city,
        type: row.type,
        actor: row.actor,
        at: row.at,
        data: row.data,
      }));
    },
  };
}
