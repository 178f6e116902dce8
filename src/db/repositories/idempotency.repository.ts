import type { Kysely } from 'kysely';
import type { IdempotencyRecord, IdempotencyStore } from '../../engine/ports';
import type { DatabaseSchema } from '../database.types';

/** Intake's idempotency keys (table idempotency_keys, primary key actor + key). */
export function createIdempotencyRepository(db: Kysely<DatabaseSchema>): IdempotencyStore {
  return {
    async find(actor: string, key: string): Promise<IdempotencyRecord | null> {
      const row = await db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('actor', '=', actor)
        .where('key', '=', key)
        .executeTakeFirst();
      return row
        ? {
            actor: row.actor,
            key: row.key,
            requestHash: row.request_hash,
            orderId: row.order_id,
            createdAt: row.created_at,
          }
        : null;
    },

    /** ON CONFLICT DO NOTHING: a concurrent insert of the same key waits for the other transaction, then finds it taken. */
    async insert(r: IdempotencyRecord): Promise<boolean> {
      const row = await db
        .insertInto('idempotency_keys')
        .values({
          actor: r.actor,
          key: r.key,
          request_hash: r.requestHash,
          order_id: r.orderId,
          created_at: r.createdAt,
        })
        .onConflict((oc) => oc.columns(['actor', 'key']).doNothing())
        .returning('actor')
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
