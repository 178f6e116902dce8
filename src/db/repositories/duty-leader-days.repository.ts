import type { Kysely, Selectable } from 'kysely';
import type { LeaderDay, LeaderDayStore } from '../../engine/duty/duty.ports';
import type { DatabaseSchema } from '../database.types';
import type { LeaderDaysTable } from '../duty-tables.types';
import { isUuidText } from '../uuid-text';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toDay(row: Selectable<LeaderDaysTable>): LeaderDay {
  return {
    id: row.id,
    city: row.city,
    leader: row.leader,
    title: row.title,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    announcedAt: row.announced_at,
    announcedBy: row.announced_by,
    cancelledAt: row.cancelled_at,
    cancelledBy: row.cancelled_by,
    cancelReason: row.cancel_reason,
  };
}

/** Leaders' answering sessions of every city (table leader_days). */
export function createLeaderDayRepository(db: Kysely<DatabaseSchema>): LeaderDayStore {
  return {
    async insert(d: LeaderDay): Promise<void> {
      await db
        .insertInto('leader_days')
        .values({
          id: d.id,
          city: d.city,
          leader: d.leader,
          title: d.title,
          starts_at: d.startsAt,
          ends_at: d.endsAt,
          announced_by: d.announcedBy,
          announced_at: d.announcedAt,
          cancelled_by: d.cancelledBy,
          cancelled_at: d.cancelledAt,
          cancel_reason: d.cancelReason,
        })
        .execute();
    },

    async findById(id: string): Promise<LeaderDay | null> {
      if (!isUuidText(id)) return null;
      if (!UUID.test(id)) return null;
      const row = await db.selectFrom('leader_days').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toDay(row) : null;
    },

    async between(city: string, from: Date, to: Date): Promise<LeaderDay[]> {
      const rows = await db.selectFrom('leader_days').selectAll().where('city', '=', city).where('starts_at', '>=', from).where('starts_at', '<', to).orderBy('starts_at').orderBy('id').execute();
      return rows.map(toDay);
    },

    async cancel(id: string, by: string, at: Date, reason: string): Promise<boolean> {
      const result = await db
        .updateTable('leader_days')
        .set({ cancelled_by: by, cancelled_at: at, cancel_reason: reason })
        .where('id', '=', id)
        .where('cancelled_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
