import os from 'node:os';
import { Agenda, exponential } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import type pg from 'pg';
import type { Logger } from '../shared/logger';
import { logFailure } from '../shared/log-failure';
import { claimWithIndexedQuery } from './claim-next-job';
import type { JobHandler } from './job-handlers';

export interface AgendaWorkerOptions {
  pool: pg.Pool;
  /** The embedded database has one shared connection: no LISTEN, poll instead. */
  embedded: boolean;
  handlers: Record<string, JobHandler>;
  logger: Logger;
  /** How often to look for due jobs, in milliseconds. */
  processEveryMs: number;
  /** How long a claimed job stays locked before another worker may take it (a killed worker's jobs). */
  lockLifetimeMs: number;
}

export interface AgendaWorker {
  running(): boolean;
  stop(): Promise<void>;
}

/**
 * A failed run is tried again after 1 s, 2 s, 4 s … (at most 5 minutes apart, 10 times: about
 * 13 minutes, enough to ride out a PostgreSQL restart or failover). Without it, Agenda leaves a
 * failed one-off job with no next run: the deadline or timer it carried would never fire.
 */
/** Jobs run at once by one worker (the pool has 10 connections, shared with HTTP in one process). */
const MAX_CONCURRENCY = 10;
/** Jobs of one name a worker holds claimed at a time (see defaultLockLimit below). */
const LOCK_LIMIT = 200;

const RETRY = exponential({ delay: 1000, factor: 2, maxDelay: 300_000, maxRetries: 10, jitter: 0.2 });

/**
 * Runs the durable jobs (BPMN timers, policy deadlines) with Agenda on PostgreSQL. The jobs
 * themselves are rows written by the steps in their own transactions; the schema is created
 * by our migrations (ensureSchema: false) so several processes may start at once.
 * Handlers are idempotent: a job that runs twice after a crash, or again after a failure, has
 * its effect once.
 */
export async function startAgendaWorker(opts: AgendaWorkerOptions): Promise<AgendaWorker> {
  const backend = new PostgresBackend({ pool: opts.pool, ensureSchema: false, disableNotifications: opts.embedded });
  claimWithIndexedQuery(backend, opts.pool); // claims due jobs through index-bounded branches (migration 10)
  const agenda = new Agenda({
    // `agenda_jobs.last_modified_by` then says which worker locked a job (several processes)
    name: workerName(),
    backend,
    processEvery: opts.processEveryMs,
    defaultLockLifetime: opts.lockLifetimeMs,
    maxConcurrency: opts.embedded ? 1 : MAX_CONCURRENCY,
    // Agenda's default lets a job name use only 5 of the slots: deadlines due together get all 10
    defaultConcurrency: opts.embedded ? 1 : MAX_CONCURRENCY,
    // Agenda runs nothing until a poll has claimed every due job, one query each: with 10,000
    // due at once the first ran after 10 s. Claiming at most LOCK_LIMIT per poll runs them at
    // once; the next poll (MINHU_JOB_POLL_MS, 250 ms by default) claims the next ones.
    defaultLockLimit: opts.embedded ? 0 : LOCK_LIMIT,
  });
  for (const [name, handler] of Object.entries(opts.handlers)) {
    agenda.define(name, async (job: { attrs: { data: unknown } }) => {
      const data = (job.attrs.data ?? {}) as Record<string, unknown>;
      try {
        await handler(data);
      } catch (err) {
        logFailure(opts.logger, err, 'job failed (it is tried again with a backoff)', { job: name, key: data.key });
        throw err;
      }
    }, { backoff: RETRY });
  }
  await agenda.start();
  let isRunning = true;
  opts.logger.info(
    { worker: workerName(), jobs: Object.keys(opts.handlers), processEveryMs: opts.processEveryMs, lockLifetimeMs: opts.lockLifetimeMs },
    'scheduler: Agenda worker started',
  );
  return {
    running: () => isRunning,
    async stop(): Promise<void> {
      if (!isRunning) return;
      isRunning = false;
      await agenda.stop();
    },
  };
}

/** This worker in `agenda_jobs.last_modified_by`: `minhu@<host>:<pid>`. */
export function workerName(): string {
  return `minhu@${os.hostname()}:${process.pid}`;
}
