/**
 * Intake through the HTTP API: the real application (src/main.ts, API and worker in one process,
 * as `npm start` runs it) on a scratch database, and N concurrent clients, each an operator's
 * session (cookie + CSRF token), each POSTing sample-city orders with an Idempotency-Key one
 * after another. Latency is from sending the request to reading the whole 201 answer; the rate
 * is orders acknowledged per second of wall time. Also the API process's resident memory: idle
 * after start, the peak during the runs, and after them.
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

async function runClients(app: AppProcess, clients: number, orders: number): Promise<ApiIntakeRun> {
  const sessions = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new ApiClient(app.port as number);
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

/** Starts the app on a scratch database of `databaseUrl` (PGlite without), runs each client count, stops. */
export async function measureApiIntake(
  databaseUrl: string | undefined,
  clientCounts: number[],
  orders: number,
  warmup: number,
  progress: (t: string) => void,
  appEnv: Record<string, string> = {},
): Promise<ApiIntakeResult> {
  const scratch = await createScratch(databaseUrl);
  let app: AppProcess | null = null;
  try {
    app = await startApp({ ...scratch.env, MINHU_DEMO_USERS: 'true', MINHU_DEMO_PASSWORD: PASSWORD, ...appEnv });
    await new Promise((r) => setTimeout(r, 2000)); // settle: start-up garbage collected, worker idle
    const rssIdle = app.rss();
    let rssPeak = rssIdle;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, app?.rss() ?? 0);
    }, 200);
    const runs: ApiIntakeRun[] = [];
    try {
      if (warmup > 0) await runClients(app, Math.max(...clientCounts), warmup);
      for (const clients of clientCounts) {
        progress(`${clients} clients, ${orders} orders`);
        runs.push(await runClients(app, clients, orders));
      }
    } finally {
      clearInterval(sampler);
    }
    const rssAfter = app.rss();
    return { runs, rssIdle, rssPeak: Math.max(rssPeak, rssAfter), rssAfter };
  } finally {
    await app?.stop();
    await scratch.drop();
  }
}
