import { sql, type Kysely } from 'kysely';
import { nextCronRun } from '../../shared/cron';
import type { DatabaseSchema } from '../database.types';

export interface RepeatingJob {
  /** `minhu.*`, one row per name (an Agenda job of type `single`). */
  name: string;
  key: string;
  /** A cron expression, e.g. `0 1 1 * *` (01:00 on the 1st of every month). */
  cron: string;
  timeZone: string;
}

/**
 * Writes a repeating job as Agenda writes one for `agenda.every(cron, name, data, { timezone })`:
 * a `single` row with `repeat_interval` and `repeat_timezone`, which Agenda runs at
 * `next_run_at` and then moves to the next time the expression fires. Safe for several
 * processes at once (one row per name); a pending next run is kept, a changed expression
 * takes effect from the next run.
 */
export async function ensureRepeatingJob(db: Kysely<DatabaseSchema>, job: RepeatingJob, now: Date): Promise<void> {
  const next = nextCronRun(job.cron, job.timeZone, now);
  await sql`INSERT INTO agenda_jobs (name, type, priority, next_run_at, repeat_interval, repeat_timezone, data)
    VALUES (${job.name}, 'single', 0, ${next}, ${job.cron}, ${job.timeZone}, ${JSON.stringify({ key: job.key })}::jsonb)
    ON CONFLICT (name) WHERE type = 'single' DO UPDATE
    SET repeat_interval = EXCLUDED.repeat_interval,
        repeat_timezone = EXCLUDED.repeat_timezone,
        next_run_at = COALESCE(agenda_jobs.next_run_at, EXCLUDED.next_run_at)`.execute(db);
}
