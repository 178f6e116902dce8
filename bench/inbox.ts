/**
 * Inbox latency on a full database: a generated year of Haikou orders ending now (default
 * 1,000,000, of which 100,000 are still open with one open task of a unit: to sign, contact or
 * handle, some claimed, about 30% overdue), then a unit handler's inbox (秀英区, haikou.xy-handler),
 * every tab and the counts, timed two ways:
 *
 * - **service**: OrderServices.inbox / inboxCounts in this process (the queries and the mapping);
 * - **HTTP**: GET /api/inbox?tab=… and /api/inbox/counts on the real app (src/main.ts) on the
 *   same database, with the handler's session: what a browser waits for.
 *
 * Each is measured `rounds` times per tab after a warm-up, one request at a time.
 */
import type { Runtime } from '../src/app/create-runtime';
import type { InboxTab } from '../src/engine/queries/work-order-queries';
import { findDemoUser } from '../src/engine/work-order/actor';
import { createLogger } from '../src/shared/logger';
import { ApiClient, AppProcess, startApp } from './app-process';
import { createScratch, openRuntimeOn } from './scratch';
import { emptySample, Sample, timed } from './stats';
import { generateYearOfOrders } from './year-of-orders';

export const TABS: InboxTab[] = ['to-sign', 'in-progress', 'due-soon', 'overdue', 'done'];
const CITY = 'haikou';
const USER = 'xy-handler';
const PASSWORD = 'minhu-bench-password';

export interface InboxBench {
  orders: number;
  openTasks: number;
  /** Open tasks of the user's unit, and what each tab holds for them. */
  unitOpenTasks: number;
  tabTotals: Record<string, number>;
  generateMs: number;
  /** By tab, and 'counts'. */
  service: Record<string, Sample>;
  http: Record<string, Sample> | null;
}

async function timeService(rt: Runtime, rounds: number): Promise<{ samples: Record<string, Sample>; totals: Record<string, number> }> {
  const policy = rt.catalog.policy(CITY).policy;
  const actor = findDemoUser(policy, USER);
  const samples: Record<string, Sample> = {};
  const totals: Record<string, number> = {};
  const paging = { page: 1, pageSize: 20 };
  for (let round = -3; round < rounds; round++) {
    for (const tab of TABS) {
      const s = (samples[tab] ??= emptySample());
      if (round < 0) totals[tab] = (await rt.orderServices.inbox(actor, tab, 'unit', paging)).total;
      else await timed(s, () => rt.orderServices.inbox(actor, tab, 'unit', paging));
    }
    const c = (samples.counts ??= emptySample());
    if (round >= 0) await timed(c, () => rt.orderServices.inboxCounts(actor, 'unit'));
  }
  return { samples, totals };
}

async function timeHttp(app: AppProcess, rounds: number): Promise<Record<string, Sample>> {
  const client = new ApiClient(app.port as number);
  await client.login(`${CITY}.${USER}`, PASSWORD);
  const samples: Record<string, Sample> = {};
  const get = async (key: string, url: string, measured: boolean) => {
    const r = await client.send('GET', url);
    if (r.status !== 200) throw new Error(`GET ${url}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    if (!measured) return;
    const s = (samples[key] ??= emptySample());
    s.latencies.push(r.ms);
    s.count++;
  };
  for (let round = -3; round < rounds; round++) {
    for (const tab of TABS) await get(tab, `/api/inbox?tab=${tab}`, round >= 0);
    await get('counts', '/api/inbox/counts', round >= 0);
  }
  return samples;
}

export async function measureInbox(
  databaseUrl: string | undefined,
  orders: number,
  openTasks: number,
  rounds: number,
  withHttp: boolean,
  progress: (t: string) => void,
): Promise<InboxBench> {
  const scratch = await createScratch(databaseUrl);
  try {
    const rt = await openRuntimeOn(scratch, createLogger('error'));
    let generateMs = 0;
    let service: Record<string, Sample>;
    let tabTotals: Record<string, number>;
    let unitOpenTasks = 0;
    try {
      const policy = rt.catalog.policy(CITY).policy;
      const now = rt.clock.now();
      const t0 = performance.now();
      await generateYearOfOrders(
        rt.database.db,
        policy,
        { orders, year: 0, start: new Date(now.getTime() - 365 * 86_400_000), now, openTasks },
        (done) => progress(`generated ${done} / ${orders} orders`),
      );
      generateMs = performance.now() - t0;
      const unit = findDemoUser(policy, USER).unit;
      const { rows } = await rt.database.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM tasks WHERE city = $1 AND candidate_unit = $2 AND status = 'open'`,
        [CITY, unit],
      );
      unitOpenTasks = Number(rows[0]?.n ?? 0);
      progress(`inbox service: ${rounds} rounds of ${TABS.length} tabs and the counts`);
      ({ samples: service, totals: tabTotals } = await timeService(rt, rounds));
    } finally {
      await rt.close();
    }
    let http: Record<string, Sample> | null = null;
    if (withHttp) {
      progress(`inbox over HTTP: ${rounds} rounds`);
      const app = await startApp({ ...scratch.env, MINHU_DEMO_USERS: 'true', MINHU_DEMO_PASSWORD: PASSWORD, MINHU_WORKER: 'false' });
      try {
        http = await timeHttp(app, rounds);
      } finally {
        await app.stop();
      }
    }
    return { orders, openTasks, unitOpenTasks, tabTotals, generateMs, service, http };
  } finally {
    await scratch.drop();
  }
}
