/**
 * Intake through the HTTP API: the real application (src/main.ts, API and worker in one process,
 * as `npm start` runs it) on a scratch database, and N concurrent clients, each an operator's
 * session (cookie + CSRF token), each POSTing sample-city orders with an Idempotency-Key one
 * after another. Latency is from sending the request to reading the whole 201 answer; the rate
 * is orders acknowledged per second of wall time. Also the API process's resident memory: idle
 * after start, the peak during the runs, and after them.
 *
 * With `processes` > 1 (PostgreSQL only, as the README's "Several processes"): that many app
 * processes on the one database, each serving HTTP and running jobs; client i talks to process
 * i mod N. Resident memory is then the largest process's.
 */
import { randomUUID } from 'node:crypto';
import { ApiClient, AppProcess, startApp } from './app-process';
import { createScratch } from './scratch';
import { emptySample, Sample } from './stats';

export interface ApiIntakeRun {
  clients: number;
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

async function runClients(apps: AppProcess[], clients: number, orders: number): Promise<ApiIntakeRun> {
  const sessions = await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      const c = new ApiClient(apps[i % apps.length]!.port as number);
      await c.login('sample.op1', PASSWORD);
      return c;
    }),
  );
  const intake = emptySample();
  let errors = 0;
  let firstError: string | null = null;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    sessions.map(async (client) => {
      while (next < orders) {
        const i = next++;
        const r = await client.send('POST', '/api/orders', body(i), { 'Idempotency-Key': `bench-${randomUUID()}` });
        if (r.status === 201) {
          intake.latencies.push(r.ms);
          intake.count++;
        } else {
          errors++;
          firstError ??= `${r.status} ${JSON.stringify(r.body).slice(0, 200)}`;
        }
      }
    }),
  );
  intake.wallMs = performance.now() - t0;
  return { clients, intake, errors, firstError };
}

/**
 * Starts the app (`processes` of it: PostgreSQL only) on a scratch database of `databaseUrl`
 * (PGlite without), runs each client count, stops.
 */
export async function measureApiIntake(
  databaseUrl: string | undefined,
  clientCounts: number[],
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
      if (warmup > 0) await runClients(apps, Math.max(...clientCounts), warmup);
      for (const clients of clientCounts) {
        progress(`${clients} clients, ${orders} orders${apps.length > 1 ? `, ${apps.length} processes` : ''}`);
        runs.push(await runClients(apps, clients, orders));
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
