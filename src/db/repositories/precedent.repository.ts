import type { Kysely } from 'kysely';
import type { PrecedentStore, RoutingPrecedent } from '../../engine/ports';
import type { DatabaseSchema } from '../database.types';

/** One precedent per city and topic; a later decision replaces the earlier one. */
export function createPrecedentRepository(db: Kysely<DatabaseSchema>): PrecedentStore {
  return {
    async upsert(p: RoutingPrecedent): Promise<void> {
      const row = { city: p.city, topic: p.topic, unit: p.unit, order_id: p.orderId, set_by: p.setBy, set_at: p.setAt };
      await db
        .insertInto('routing_precedents')
        .values(row)
        .onConflict((oc) => oc.columns(['city', 'topic']).doUpdateSet({ unit: p.unit, order_id: p.orderId, set_by: p.setBy, set_at: p.setAt }))
        .execute();
    },

    async find(city: string, topic: string): Promise<RoutingPrecedent | null> {
      const row = await db.selectFrom('routing_precedents').selectAll().where('city', '=', city).where('topic', '=', topic).executeTakeFirst();
      return row ? { city: row.city, topic: row.topic, unit: row.unit, orderId: row.order_id, setBy: row.set_by, setAt: row.set_at } : null;
    },
  };
}
