import type { Kysely } from 'kysely';
import type { CallerBlock, CallerBlockStore } from '../../engine/ports';
import type { DatabaseSchema } from '../database.types';

/** Callers barred from intake until a date; rows are kept as history after they expire. */
export function createCallerBlockRepository(db: Kysely<DatabaseSchema>): CallerBlockStore {
  return {
    async insert(b: CallerBlock): Promise<void> {
      await db
        .insertInto('caller_blocks')
        .values({
          city: b.city,
          phone: b.phone,
          reason: b.reason,
          order_id: b.orderId,
          blocked_by: b.blockedBy,
          blocked_at: b.blockedAt,
          until: b.until,
        })
        .execute();
    },

    async findActive(city: string, phone: string, now: Date): Promise<CallerBlock | null> {
      const row = await db
        .selectFrom('caller_blocks')
        .selectAll()
        .where('city', '=', city)
        .where('phone', '=', phone)
        .where('blocked_at', '<=', now)
        .where('until', '>', now)
        .orderBy('until', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!row) return null;
      return {
        city: row.city,
        phone: row.phone,
        reason: row.reason,
        orderId: row.order_id,
        blockedBy: row.blocked_by,
        blockedAt: row.blocked_at,
        until: row.until,
      };
    },
  };
}
