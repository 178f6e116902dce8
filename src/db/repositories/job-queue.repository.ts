import { sql, type Kysely, type SqlBool } from 'kysely';
import type { JobQueue, ScheduledJob } from '../../engine/ports';
import { ValidationError } from '../../shared/errors';
import type { DatabaseSchema } from '../database.types';

/**
 * Durable jobs as Agenda job rows (`agenda_jobs`), written in the step's transaction.
 *
 * Job keys (see migration 0004): every minhu job is named `minhu.*` and stores its key in
 * `data.key`. The unique index `agenda_jobs_minhu_key_idx` on `(data->>'key') WHERE name
 * LIKE 'minhu.%' AND next_run_at IS NOT NULL` allows one pending job per key, and `schedule`
 * upserts against it with a NEW id, so scheduling a key twice replaces the first even when
 * two transactions race. The new id matters: whoever holds the old job (Agenda, which locked
 * it, or the virtual-clock runner between nextDue and markDone) can no longer finish or run
 * it: Agenda's state save fails (it then skips the job), markDone(old id) changes nothing.
 * A job that has run has next_run_at NULL and is kept as history. A run that failed is tried
 * again (agenda-worker.ts): Agenda gives the job a next_run_at again, so it is pending under its
 * key once more; if a step has scheduled that key anew meanwhile, the unique index refuses the
 * retry's save and Agenda takes the old job again only after its lock lifetime, when its
 * idempotent handler applies nothing twice.
 *
 * `cancel` deletes pending jobs of the keys, also one Agenda has locked but not started
 * (Agenda then fails to save its state and skips it); a job already running (next_run_at
 * NULL) is not touched: its handler must find the step no longer wanted (idempotence).
 */
const PENDING = sql<SqlBool>`name LIKE 'minhu.%' AND next_run_at IS NOT NULL`;
const KEY = sql<string>`data->>'key'`;
const NAME_PREFIX = 'minhu.';

export function createJobQueue(db: Kysely<DatabaseSchema>): JobQueue {
  return new AgendaJobQueue(db);
}

class AgendaJobQueue implements JobQueue {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async schedule(jobs: ScheduledJob[]): Promise<void> {
    const byKey = new Map<string, ScheduledJob>();
    for (const job of jobs) byKey.set(checkJob(job).key, job); // the last one of a key wins
    if (byKey.size === 0) return;
    await this.db
      .insertInto('agenda_jobs')
      .values([...byKey.values()].map(toRow))
      .onConflict((oc) =>
        oc
          .expression(sql`(data->>'key')`) // an index expression needs its own parentheses
          .where(PENDING)
          .doUpdateSet((eb) => ({
            id: eb.ref('excluded.id'),
            name: eb.ref('excluded.name'),
            priority: eb.ref('excluded.priority'),
            type: eb.ref('excluded.type'),
            next_run_at: eb.ref('excluded.next_run_at'),
            data: eb.ref('excluded.data'),
            created_at: eb.ref('excluded.created_at'),
            ...FRESH,
          })),
      )
      .execute();
  }

  async cancel(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.deleteFrom('agenda_jobs').where(PENDING).where(KEY, 'in', keys).execute();
  }

  async pendingKeys(prefix: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('agenda_jobs')
      .select(KEY.as('key'))
      .where(PENDING)
      // LIKE with an escaped prefix uses agenda_jobs_minhu_key_prefix_idx; starts_with() cannot
      .where(sql<SqlBool>`data->>'key' LIKE ${prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'}`)
      .orderBy('key')
      .execute();
    return rows.map((r) => r.key);
  }
}

/** What a replaced job forgets of the one it replaces: locks, runs, failures. */
const FRESH = {
  locked_at: null,
  last_run_at: null,
  last_finished_at: null,
  failed_at: null,
  fail_count: null,
  fail_reason: null,
  disabled: false,
  progress: null,
  last_modified_by: null,
} as const;

function toRow(job: ScheduledJob) {
  return {
    name: job.name,
    priority: 0,
    type: 'normal',
    next_run_at: job.runAt,
    data: JSON.stringify({ ...job.data, key: job.key }),
  };
}

function checkJob(job: ScheduledJob): ScheduledJob {
  const issues = [];
  if (!job.name.startsWith(NAME_PREFIX))
    issues.push({ path: 'name', message: `a job name starting with "${NAME_PREFIX}"` });
  if (job.key === '') issues.push({ path: 'key', message: 'a non-empty key' });
  if (Number.isNaN(job.runAt.getTime())) issues.push({ path: 'runAt', message: 'a valid date' });
  if (issues.length > 0)
    throw new ValidationError('JOB_INVALID', `job ${job.name} ${job.key} cannot be scheduled`, issues);
  return job;
}
