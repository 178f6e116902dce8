import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { DeadlineJobData } from '../engine/work-order/deadline.service';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { logFailure } from '../shared/log-failure';
import { ClaimedDeadline, DeadlineClaims } from './deadline-claims';

export interface DeadlineSweeperOptions {
  pool: pg.Pool;
  deadlines: { fireMany(jobs: DeadlineJobData[]): Promise<void> };
  clock: Clock;
  logger: Logger;
  /** Written in `agenda_jobs.last_modified_by` (workerName()). */
  worker: string;
  /** How often to look for due deadlines when the last sweep found less than a batch, in ms. */
  pollMs: number;
  /** How long a claimed deadline stays locked before another worker may take it, in ms. */
  lockLifetimeMs: number;
  /** Deadlines applied in one transaction. */
  batchSize?: number;
}

export interface DeadlineSweeper {
  running(): boolean;
  /** One claim → fire → mark-done round; the number of deadlines claimed. */
  sweepOnce(): Promise<number>;
  stop(): Promise<void>;
}

const BATCH_SIZE = 500;

/**
 * Runs the policy deadlines (`minhu.deadline` rows) in batches instead of one Agenda job at a
 * time: each poll claims up to a batch of due rows in one statement, applies them in one
 * transaction (DeadlineService.fireMany) and marks them done in one statement; it sweeps again
 * at once while it claims full batches. Agenda no longer runs `minhu.deadline` (main.ts), so
 * each deadline is run by one of them; several workers' sweepers share the rows through
 * FOR UPDATE SKIP LOCKED. A batch that fails is applied again job by job, so one failing
 * deadline holds back only itself: the ones that fail are released and due again after a
 * backoff (1 s, 2 s … 5 min apart, never dropped). A killed worker's claimed rows are taken
 * over after the lock lifetime; fireMany is idempotent, so a deadline run twice applies once.
 */
export function startDeadlineSweeper(opts: DeadlineSweeperOptions): DeadlineSweeper {
  const batchSize = opts.batchSize ?? BATCH_SIZE;
  const sweepOnce = createDeadlineSweep(opts);
  const stopping = new AbortController();
  let isRunning = true;

  const loop = async (): Promise<void> => {
    while (isRunning) {
      let claimed = 0;
      try {
        claimed = await sweepOnce();
      } catch (err) {
        // the claim or the mark failed (database away): the claimed rows stay locked and are taken again after the lock lifetime
        logFailure(opts.logger, err, 'deadline sweep failed');
      }
      if (claimed < batchSize) await sleep(opts.pollMs, undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  };

  const done = loop();
  opts.logger.info({ worker: opts.worker, batchSize, pollMs: opts.pollMs, lockLifetimeMs: opts.lockLifetimeMs }, 'scheduler: deadline sweeper started');
  return {
    running: () => isRunning,
    sweepOnce,
    async stop(): Promise<void> {
      if (!isRunning) return;
      isRunning = false;
      stopping.abort();
      await done;
    },
  };
}

/** One sweep: claim a batch, apply it, mark it done; the number of deadlines claimed. */
export function createDeadlineSweep(opts: Omit<DeadlineSweeperOptions, 'pollMs'>): () => Promise<number> {
  const claims = new DeadlineClaims(opts.pool, opts.worker);
  const batchSize = opts.batchSize ?? BATCH_SIZE;

  const sweepOnce = async (): Promise<number> => {
    const lockedAt = opts.clock.now();
    const claimed = await claims.claim(lockedAt, opts.lockLifetimeMs, batchSize);
    if (claimed.length === 0) return 0;
    try {
      await opts.deadlines.fireMany(claimed.map((c) => c.job));
      await claims.markDone(claimed.map((c) => c.id), lockedAt, opts.clock.now());
    } catch (err) {
      if (claimed.length === 1) {
        await release(claimed[0] as ClaimedDeadline, lockedAt, err);
      } else {
        logFailure(opts.logger, err, 'deadline batch failed: applying its deadlines one by one', { deadlines: claimed.length });
        await oneByOne(claimed, lockedAt);
      }
    }
    return claimed.length;
  };

  const oneByOne = async (claimed: ClaimedDeadline[], lockedAt: Date): Promise<void> => {
    for (const c of claimed) {
      try {
        await opts.deadlines.fireMany([c.job]);
        await claims.markDone([c.id], lockedAt, opts.clock.now());
      } catch (err) {
        await release(c, lockedAt, err);
      }
    }
  };

  const release = async (c: ClaimedDeadline, lockedAt: Date, err: unknown): Promise<void> => {
    logFailure(opts.logger, err, 'job failed (it is tried again with a backoff)', { job: c.id, orderId: c.job.orderId, kind: c.job.kind });
    await claims.releaseFailed([c.id], lockedAt, opts.clock.now(), errorText(err)).catch((releaseErr: unknown) => {
      logFailure(opts.logger, releaseErr, 'could not release a failed deadline: taken again after the lock lifetime', { job: c.id });
    });
  };
  return sweepOnce;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
