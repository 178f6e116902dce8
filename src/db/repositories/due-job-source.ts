import type { Kysely } from 'kysely';
import type { DueJob, DueJobSource } from '../../engine/ports';
import type { AgendaJobRow, DatabaseSchema } from '../database.types';
import { nextCronRun } from '../../shared/cron';

/** For the virtual-clock runner (tests, scenarios), which drives due jobs instead of Agenda. */
export function createDueJobSource(db: Kysely<DatabaseSchema>): DueJobSource {
  return {
    async nextDue(names: string[], now: Date): Promise<DueJob | null> {
      if (names.length === 0) return null;
      const row = await db
        .selectFrom('agenda_jobs')
        .selectAll()
        .where('name', 'in', names)
        .where('next_run_at', '<=', now)
        .where('disabled', '=', false)
        .where('locked_at', 'is', null)
        .orderBy('next_run_at')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      return row ? toDueJob(row) : null;
    },

    /**
     * Leaves the row as Agenda leaves a job it ran: a one-off job without a next run, a
     * repeating one (cron `repeat_interval`) at the next time its expression fires.
     * A replaced job (old id) is a no-op.
     */
    async markDone(id: string, at: Date): Promise<void> {
      const row = await db.selectFrom('agenda_jobs').select(['repeat_interval', 'repeat_timezone']).where('id', '=', id).executeTakeFirst();
      const next = row?.repeat_interval ? nextCronRun(row.repeat_interval, row.repeat_timezone ?? 'UTC', at) : null;
      await db
        .updateTable('agenda_jobs')
        .set({ next_run_at: next, locked_at: null, last_run_at: at, last_finished_at: at })
        .where('id', '=', id)
        .execute();
    },
  };
}

function toDueJob(row: AgendaJobRow): DueJob {
  const { key, ...data } = row.data ?? {};
  return { id: row.id, key: String(key), name: row.name, runAt: row.next_run_at as Date, data };
}
