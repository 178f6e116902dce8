/**
 * Timer lag: N policy deadlines falling due at the same moment, run by the real worker (the
 * deadline sweeper of src/scheduler/deadline-sweeper.ts since it replaced Agenda for them).
 *
 * A scratch database gets N open Haikou orders (year-of-orders.ts, every one open with a task);
 * each order's due time is set to one moment T a few seconds ahead and its overdue job is
 * written the way a step writes it (JobQueue.schedule of deadlineJobsForOrder: `minhu.deadline`,
 * key `deadline:order:<id>:overdue`). Then the worker runs: by default the application itself
 * (src/main.ts with MINHU_HTTP=false, its configured MINHU_JOB_POLL_MS / MINHU_JOB_LOCK_MS),
 * started before the jobs are written, as in production. For each job, the lag is the
 * `deadline.order-overdue` audit event's `at` (the handler's clock inside its transaction) minus
 * T; also when the last one was committed. A deadline that did not fire within the time limit
 * counts as missing.
 */
import { sql } from 'kysely';
import { createJobQueue } from '../src/db/repositories/job-queue.repository';
import type { WorkOrder } from '../src/engine/ports';
import { deadlineJobsForOrder } from '../src/engine/work-order/job-keys';
import { createLogger } from '../src/shared/logger';
import { AppProcess, startApp } from './app-process';
import { createScratch, openRuntimeOn } from './scratch';
import { generateYearOfOrders } from './year-of-orders';

const CITY = 'haikou';

export interface TimerLagResult {
  jobs: number;
  fired: number;
  /** Lags in ms, sorted. */
  lagsMs: number[];
  /** From T until the last effect was applied. */
  lastMs: number;
  /** Effects applied more than once (should be 0). */
  duplicates: number;
  workerEnv: Record<string, string>;
  rssWorkerPeak: number;
}

export async function measureTimerLag(
  databaseUrl: string,
  jobs: number,
  workerEnv: Record<string, string>,
  progress: (t: string) => void,
  leadMs = 8_000,
  limitMs = 300_000,
): Promise<TimerLagResult> {
  const scratch = await createScratch(databaseUrl);
  let worker: AppProcess | null = null;
  try {
    const rt = await openRuntimeOn(scratch, createLogger('error'));
    try {
      const policy = rt.catalog.policy(CITY).policy;
      progress(`timer lag: ${jobs} open orders`);
      const start = new Date(rt.clock.now().getTime() - 30 * 86_400_000);
      await generateYearOfOrders(rt.database.db, policy, { orders: jobs, year: 0, start, openTasks: jobs }, () => {});
      progress('timer lag: starting the worker (src/main.ts, MINHU_HTTP=false)');
      worker = await startApp({ ...scratch.env, MINHU_HTTP: 'false', ...workerEnv });
      const db = rt.database.db;
      const due = new Date(Date.now() + leadMs);
      await sql`UPDATE work_orders SET due_at = ${due}, flags = '[]'::jsonb`.execute(db);
      const ids = (await sql<{ id: string }>`SELECT id FROM work_orders`.execute(db)).rows.map((r) => r.id);
      const queue = createJobQueue(db);
      for (let i = 0; i < ids.length; i += 1000) {
        const orders = ids.slice(i, i + 1000).map((id) => ({ id, dueAt: due }) as Pick<WorkOrder, 'id' | 'dueAt'> as WorkOrder);
        await queue.schedule(orders.flatMap((o) => deadlineJobsForOrder(o)));
      }
      progress(`timer lag: ${ids.length} jobs written, due in ${Math.round(due.getTime() - Date.now())} ms`);

      const count = async (): Promise<number> => {
        const { rows } = await rt.database.pool.query<{ n: string }>(`SELECT count(*) AS n FROM audit_events WHERE type = 'deadline.order-overdue'`);
        return Number(rows[0]?.n ?? 0);
      };
      let peak = worker.rss();
      let fired = 0;
      let lastChange = Date.now();
      const end = due.getTime() + limitMs;
      while (Date.now() < end && fired < jobs) {
        await new Promise((r) => setTimeout(r, 250));
        peak = Math.max(peak, worker.rss());
        const now = await count();
        if (now !== fired) {
          fired = now;
          lastChange = Date.now();
        }
        if (Date.now() - lastChange > 60_000 && Date.now() > due.getTime() + 60_000) break; // stuck
      }
      const { rows } = await rt.database.pool.query<{ lag: string }>(
        `SELECT extract(epoch FROM (at - $1::timestamptz)) * 1000 AS lag FROM audit_events WHERE type = 'deadline.order-overdue' ORDER BY 1`,
        [due],
      );
      const { rows: dup } = await rt.database.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM (SELECT order_id FROM audit_events WHERE type = 'deadline.order-overdue' GROUP BY order_id HAVING count(*) > 1) d`,
      );
      const lagsMs = rows.map((r) => Number(r.lag));
      return {
        jobs: ids.length,
        fired: lagsMs.length,
        lagsMs,
        lastMs: lagsMs[lagsMs.length - 1] ?? NaN,
        duplicates: Number(dup[0]?.n ?? 0),
        workerEnv,
        rssWorkerPeak: peak,
      };
    } finally {
      await rt.close();
    }
  } finally {
    await worker?.stop();
    await scratch.drop();
  }
}
