import type { Kysely } from 'kysely';
import type { DueJob, DueJobSource } from '../../engine/ports';
import type { AgendaJobRow, DatabaseSchema } from '../database.types';

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

    /** Leaves the row as Agenda leaves a one-off job it ran. A replaced job (old id) is a no-op. */
    async markDone(id: string, at: Date): Promise<void> {
      await db
        .updateTable('agenda_jobs')
        .set({ next_run_at: null, locked_at: null, last_run_at: at, last_finished_at: at })
        .where('id', '=', id)
        .execute();
    },
  };
}

function toDueJob(row: AgendaJobRow): DueJob {
  const { key, ...data } = row.data ?? {};
  return { id: row.id, key: String(key), name: row.name, runAt: row.next_run_at as Date, data };
}
