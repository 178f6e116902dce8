import type pg from 'pg';
import { DEADLINE_JOB } from '../engine/work-order/job-keys';
import type { DeadlineJobData } from '../engine/work-order/deadline.service';

/** A `minhu.deadline` row claimed by a sweeper: its id, the lock it wrote, its job. */
export interface ClaimedDeadline {
  id: string;
  job: DeadlineJobData;
}

/** Retry of a failed deadline: 1 s, 2 s, 4 s … at most 5 minutes apart (+ up to 20% jitter). */
const RETRY_BASE_MS = 1000;
const RETRY_MAX_MS = 300_000;

/**
 * The SQL of the deadline sweeper on `agenda_jobs` (the same rows Agenda would run; see
 * job-queue.repository.ts for keys and replacement). Every time is the caller's Clock, as
 * Agenda compares lock expiry with the Node clock; `lockedAt` is the claim's identity.
 */
export class DeadlineClaims {
  constructor(
    private readonly pool: pg.Pool,
    private readonly worker: string,
    private readonly table = 'agenda_jobs',
  ) {}

  /**
   * Locks up to `limit` due deadline rows and up to `limit` whose lock expired (a killed
   * worker's), in one statement. Two index-bounded branches, as claim-next-job.ts explains:
   * the due unlocked ones through agenda_jobs_due_unlocked_idx (migration 10), the expired
   * ones through agenda_jobs_locked_at_idx. SKIP LOCKED: two sweepers never claim one row.
   */
  async claim(now: Date, lockLifetimeMs: number, limit: number): Promise<ClaimedDeadline[]> {
    const expiredBefore = new Date(now.getTime() - lockLifetimeMs);
    const { rows } = await this.pool.query<{ id: string; data: Record<string, unknown> | null }>(
      `WITH due AS (
         SELECT id FROM "${this.table}"
         WHERE name = $3 AND disabled = FALSE AND locked_at IS NULL AND next_run_at IS NOT NULL AND next_run_at <= $1
         ORDER BY next_run_at, priority DESC LIMIT $4 FOR UPDATE SKIP LOCKED
       ), expired AS (
         SELECT id FROM "${this.table}"
         WHERE name = $3 AND disabled = FALSE AND locked_at <= $5
         ORDER BY locked_at LIMIT $4 FOR UPDATE SKIP LOCKED
       )
       UPDATE "${this.table}" SET locked_at = $1, last_modified_by = $2
       WHERE id IN (SELECT id FROM due UNION ALL SELECT id FROM expired)
       RETURNING id, data, next_run_at`,
      [now, this.worker, DEADLINE_JOB, limit, expiredBefore],
    );
    return rows.map((r) => ({ id: r.id, job: toJob(r.data) }));
  }

  /**
   * Leaves the rows as Agenda leaves a one-off job it ran, but only those still carrying the
   * claimed id and this claim's lock: a job replaced meanwhile under its key has a new id (it
   * runs at its own time), one whose lock expired and was taken over belongs to the taker.
   */
  async markDone(ids: string[], lockedAt: Date, finishedAt: Date): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.pool.query(
      `UPDATE "${this.table}" SET next_run_at = NULL, locked_at = NULL, last_run_at = $1, last_finished_at = $2
       WHERE id = ANY($3::uuid[]) AND locked_at = $1 AND last_modified_by = $4`,
      [lockedAt, finishedAt, ids, this.worker],
    );
    return result.rowCount ?? 0;
  }

  /** Releases failed rows, due again after a backoff growing with their fail_count; never dropped. */
  async releaseFailed(ids: string[], lockedAt: Date, now: Date, reason: string): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.pool.query(
      `UPDATE "${this.table}" SET locked_at = NULL, fail_count = COALESCE(fail_count, 0) + 1,
         failed_at = $2, fail_reason = $3,
         next_run_at = $2::timestamptz + make_interval(secs => LEAST($5::float8, $4::float8 * power(2, LEAST(COALESCE(fail_count, 0), 20))) / 1000 * (1 + 0.2 * random()))
       WHERE id = ANY($1::uuid[]) AND locked_at = $6 AND last_modified_by = $7`,
      [ids, now, reason.slice(0, 1000), RETRY_BASE_MS, RETRY_MAX_MS, lockedAt, this.worker],
    );
    return result.rowCount ?? 0;
  }
}

function toJob(data: Record<string, unknown> | null): DeadlineJobData {
  const d = data ?? {};
  const job = { kind: d.kind, orderId: d.orderId } as DeadlineJobData;
  if (typeof d.taskId === 'string') job.taskId = d.taskId;
  if (typeof d.dueAt === 'string') job.dueAt = d.dueAt;
  return job;
}
