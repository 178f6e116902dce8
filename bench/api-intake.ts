/**
 * Intake through the HTTP API: the real application (src/main.ts, API and worker in one process,
 * as `npm start` runs it) on a scratch database, and operators' sessions (cookie + CSRF token)
 * POSTing sample-city orders, each with its own Idempotency-Key, under two kinds of load:
 *
 * - at a rate (open loop, as calls reach a hotline): order i is sent at t0 + i / rate whether or
 *   not the earlier ones were answered, the sessions taking turns. Latency is from the moment the
 *   order was due to be sent to reading the whole 201 answer, so a client that falls behind
 *   counts against the server, not for it. The answered rate is answers per second from the
 *   first send to the last answer: below the offered rate when the server cannot keep pace.
 * - N clients (closed loop, the capacity): each sends its next order when the last was answered.
 *   Latency is from sending to reading the whole answer; the rate is answers per second of wall
 *   time. With N clients the mean latency is N / rate (Little's law): it grows with N by design.
 *
 * Also the API process's resident memory: idle after start, the peak during the runs, and after.
 *
 * With `processes` > 1 (PostgreSQL only, as the README's "Several processes"): that many app
 * processes on the one database, each serving HTTP and running jobs; client i talks to process
 * i mod N. Resident memory is then the largest process's.
 */
import { randomUUID } from 'node:crypto';
import { ApiClient, AppProcess, startApp } from './app-process';
import { createScratch } from './scratch';
import { emptySample, Sample } from './stats';

/** Offered load: `perSecond` orders a second (open loop), or `clients` clients (closed loop). */
export type ApiLoad = { perSecond: number; sessions: number } | { clients: number };

export interface ApiIntakeRun {
  load: ApiLoad;
  intake: Sample;
  errors: number;
  firstError: string | null;
}

export interface ApiIntakeResult {
  /** App processes serving the clients (resident memory: the largest of them). */
  processes: number;
  runs: ApiIntakeRun[];
  rssIdle: number;
  rssPeak: number;
  rssAfter: number;
}

const PASSWORD = 'minhu-bench-password';

function body(i: number): Record<string, unknown> {
  return {
    city: 'sample',
    category: 'help',
    channel: 'hotline',
    content: `路灯坏了（接口压测 ${i}）`,
    requester: { name: '张三', phone: '13800000000' },
    location: { district: '新华区' },
  };
}

export function loadLabel(load: ApiLoad): string {
  return 'perSecond' in load ? `${load.perSecond} orders/s offered (open loop, ${load.sessions} sessions)` : `${load.clients} concurrent clients (closed loop)`;
}

async function login(apps: AppProcess[], count: number): Promise<ApiClient[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const c = new ApiClient(apps[i % apps.length]!.port as number);
      await c.login('sample.op1', PASSWORD);
      return c;
    }),
  );
}

/** Sends order `i` through `client`; its latency is measured from `since` (default: now). */
async function post(run: ApiIntakeRun, client: ApiClient, i: number, since?: number): Promise<void> {
  const t0 = since ?? performance.now();
  const r = await client.send('POST', '/api/orders', body(i), { 'Idempotency-Key': `bench-${randomUUID()}` });
  if (r.status === 201) {
    run.intake.latencies.push(performance.now() - t0);
    run.intake.count++;
  } else {
    run.errors++;
    run.firstError ??= `${r.status} ${JSON.stringify(r.body).slice(0, 200)}`;
  }
}

async function runLoad(apps: AppProcess[], load: ApiLoad, orders: number): Promise<ApiIntakeRun> {
  const sessions = await login(apps, 'perSecond' in load ? load.sessions : load.clients);
  const run: ApiIntakeRun = { load, intake: emptySample(), errors: 0, firstError: null };
  const t0 = performance.now();
  if ('perSecond' in load) {
    const sent: Array<Promise<void>> = [];
    for (let i = 0; i < orders; i++) {
      const due = t0 + (i * 1000) / load.perSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      sent.push(post(run, sessions[i % sessions.length]!, i, due));
    }
    await Promise.all(sent);
  } else {
    let next = 0;
    await Promise.all(
      sessions.map(async (client) => {
        while (next < orders) await post(run, client, next++);
      }),
    );
  }
  run.intake.wallMs = performance.now() - t0;
  return run;
}

/**
 * Starts the app (`processes` of it: PostgreSQL only) on a scratch database of `databaseUrl`
 * (PGlite without), runs each load, stops.
 */
export async function measureApiIntake(
  databaseUrl: string | undefined,
  loads: ApiLoad[],
  orders: number,
  warmup: number,
  progress: (t: string) => void,
  appEnv: Record<string, string> = {},
  processes = 1,
): Promise<ApiIntakeResult> {
  if (processes > 1 && !databaseUrl) throw new RangeError('several API processes need PostgreSQL (PGlite is one process)');
  const scratch = await createScratch(databaseUrl);
  const apps: AppProcess[] = [];
  try {
    const env = { ...scratch.env, MINHU_DEMO_USERS: 'true', MINHU_DEMO_PASSWORD: PASSWORD, ...appEnv };
    apps.push(await startApp(env)); // the first migrates and seeds alone
    for (let i = 1; i < processes; i++) apps.push(await startApp(env));
    await new Promise((r) => setTimeout(r, 2000)); // settle: start-up garbage collected, worker idle
    const rss = () => Math.max(...apps.map((a) => a.rss()));
    const rssIdle = rss();
    let rssPeak = rssIdle;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, rss());
    }, 200);
    const runs: ApiIntakeRun[] = [];
    try {
      if (warmup > 0) await runLoad(apps, { clients: 8 }, warmup);
      for (const load of loads) {
        progress(`${loadLabel(load)}, ${orders} orders${apps.length > 1 ? `, ${apps.length} processes` : ''}`);
        runs.push(await runLoad(apps, load, orders));
      }
    } finally {
      clearInterval(sampler);
    }
    const rssAfter = rss();
    return { processes: apps.length, runs, rssIdle, rssPeak: Math.max(rssPeak, rssAfter), rssAfter };
  } finally {
    await Promise.all(apps.map((a) => a.stop()));
    await scratch.drop();
  }
}
