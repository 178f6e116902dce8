import type pg from 'pg';
import type { DeadlineService } from '../engine/work-order/deadline.service';
import { DEADLINE_JOB } from '../engine/work-order/job-keys';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { AgendaWorker, startAgendaWorker, workerName } from './agenda-worker';
import { startDeadlineSweeper } from './deadline-sweeper';
import type { JobHandler } from './job-handlers';

export interface WorkerOptions {
  pool: pg.Pool;
  embedded: boolean;
  handlers: Record<string, JobHandler>;
  deadlines: DeadlineService;
  clock: Clock;
  logger: Logger;
  /** MINHU_JOB_POLL_MS */
  processEveryMs: number;
  /** MINHU_JOB_LOCK_MS */
  lockLifetimeMs: number;
}

/**
 * The worker of a process: Agenda for the BPMN timers and the monthly assessment, the deadline
 * sweeper for `minhu.deadline` (in batches: 10,000 deadlines due at once). Agenda is not given
 * the deadline handler, so each deadline row is run by the sweeper only.
 */
export async function startWorker(opts: WorkerOptions): Promise<AgendaWorker> {
  const handlers = Object.fromEntries(Object.entries(opts.handlers).filter(([name]) => name !== DEADLINE_JOB));
  const agenda = await startAgendaWorker({ ...opts, handlers });
  const sweeper = startDeadlineSweeper({
    pool: opts.pool,
    deadlines: opts.deadlines,
    clock: opts.clock,
    logger: opts.logger,
    worker: workerName(),
    pollMs: opts.processEveryMs,
    lockLifetimeMs: opts.lockLifetimeMs,
  });
  return {
    running: () => agenda.running() && sweeper.running(),
    async stop(): Promise<void> {
      await Promise.all([agenda.stop(), sweeper.stop()]);
    },
  };
}
