import { measureTimerLag } from './timer-lag';
import { percentile } from './stats';
(async () => {
  const n = Number(process.env.N ?? 2000);
  const env = JSON.parse(process.env.WENV ?? '{}') as Record<string, string>;
  const r = await measureTimerLag(process.env.DATABASE_URL!, n, env, (t) => console.error(t));
  console.log(r.jobs, r.fired, 'p50', percentile(r.lagsMs, 50).toFixed(0), 'p95', percentile(r.lagsMs, 95).toFixed(0), 'p99', percentile(r.lagsMs, 99).toFixed(0), 'max', r.lastMs.toFixed(0), 'dup', r.duplicates, 'rss', (r.rssWorkerPeak / 2 ** 20).toFixed(0));
})().catch((e) => { console.error(e); process.exit(1); });
