/** The tables of issue 7's benchmark parts (figures only) and the targets beside what was measured. */
import { ApiIntakeResult, ApiLoad, loadLabel } from './api-intake';
import type { InboxBench } from './inbox';
import { TABS } from './inbox';
import type { StorageCeiling } from './storage';
import { fmtMs, fmtRate, percentile, rate, Sample, table } from './stats';
import type { TimerLagResult } from './timer-lag';

export type Col<T> = [label: string, value: T | null, why?: string];

const cell = <T>(c: Col<T>, f: (v: T) => string): string => (c[1] ? f(c[1]) : (c[2] ?? 'skipped'));
const p = (s: Sample | undefined, q: number): string => (s ? fmtMs(percentile(s.latencies, q)) : '—');
export const mib = (bytes: number): string => (Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(0)} MiB` : '—');

export function apiTable(cols: Col<ApiIntakeResult>[]): string {
  const loads = new Map<string, ApiLoad>(cols.flatMap(([, r]) => r?.runs.map((x): [string, ApiLoad] => [loadLabel(x.load), x.load]) ?? []));
  const rows: string[][] = [];
  for (const [label, load] of loads) {
    const run = (r: ApiIntakeResult) => r.runs.find((x) => loadLabel(x.load) === label);
    const procs = Math.max(...cols.map(([, r]) => r?.processes ?? 1));
    rows.push([`${label}${procs > 1 ? `, PostgreSQL: ${procs} API processes` : ''}`, ...cols.map(() => '')]);
    const answered = 'perSecond' in load ? '  orders answered /s (201), first send to last answer' : '  orders acknowledged /s (201)';
    rows.push([answered, ...cols.map((c) => cell(c, (r) => fmtRate(rate(run(r)!.intake))))]);
    for (const q of [50, 95, 99]) rows.push([`  latency p${q}`, ...cols.map((c) => cell(c, (r) => p(run(r)?.intake, q)))]);
    rows.push(['  errors (not 201)', ...cols.map((c) => cell(c, (r) => String(run(r)!.errors)))]);
  }
  const several = cols.some(([, r]) => r && r.processes > 1);
  rows.push([several ? 'resident memory of the largest API process (RSS)' : 'resident memory of the API process (RSS)', ...cols.map(() => '')]);
  rows.push(['  idle, after start', ...cols.map((c) => cell(c, (r) => mib(r.rssIdle)))]);
  rows.push(['  peak during the runs', ...cols.map((c) => cell(c, (r) => mib(r.rssPeak)))]);
  rows.push(['  after the runs', ...cols.map((c) => cell(c, (r) => mib(r.rssAfter)))]);
  return table(['intake through the HTTP API (POST /api/orders, src/main.ts)', ...cols.map(([l]) => l)], rows);
}

export function inboxTable(cols: Col<InboxBench>[]): string {
  const rows: string[][] = [
    ['orders in the database (a year ending now)', ...cols.map((c) => cell(c, (b) => b.orders.toLocaleString('en')))],
    ['open tasks (all units) / of 秀英区', ...cols.map((c) => cell(c, (b) => `${b.openTasks.toLocaleString('en')} / ${b.unitOpenTasks.toLocaleString('en')}`))],
    ['generating them', ...cols.map((c) => cell(c, (b) => fmtMs(b.generateMs)))],
  ];
  for (const how of ['service', 'http'] as const) {
    rows.push([how === 'service' ? 'inbox service in process (p50 / p95 / p99)' : 'GET /api/inbox over HTTP (p50 / p95 / p99)', ...cols.map(() => '')]);
    for (const key of [...TABS, 'counts']) {
      const label = key === 'counts' ? '  /counts (every tab counted)' : `  tab=${key}`;
      rows.push([
        label,
        ...cols.map((c) =>
          cell(c, (b) => {
            const s = b[how]?.[key];
            if (!s) return 'not measured';
            const total = key !== 'counts' && how === 'service' ? ` [${b.tabTotals[key] ?? '?'}]` : '';
            return `${p(s, 50)} / ${p(s, 95)} / ${p(s, 99)}${total}`;
          }),
        ),
      ]);
    }
  }
  return table(['inbox of a unit handler (haikou.xy-handler, page of 20) [tasks in the tab]', ...cols.map(([l]) => l)], rows);
}

export function timerTable(cols: Col<TimerLagResult>[]): string {
  const lag = (r: TimerLagResult, q: number) => fmtMs(percentile(r.lagsMs, q));
  return table(
    ['timer lag: deadlines falling due at one moment (deadline sweeper, src/main.ts worker)', ...cols.map(([l]) => l)],
    [
      ['deadlines (minhu.deadline order-overdue jobs)', ...cols.map((c) => cell(c, (r) => r.jobs.toLocaleString('en')))],
      ['worker settings', ...cols.map((c) => cell(c, (r) => Object.entries(r.workerEnv).map(([k, v]) => `${k}=${v}`).join(' ') || 'defaults'))],
      ['fired (effect applied) / twice', ...cols.map((c) => cell(c, (r) => `${r.fired.toLocaleString('en')} / ${r.duplicates}`))],
      ['lag p50', ...cols.map((c) => cell(c, (r) => lag(r, 50)))],
      ['lag p95', ...cols.map((c) => cell(c, (r) => lag(r, 95)))],
      ['lag p99', ...cols.map((c) => cell(c, (r) => lag(r, 99)))],
      ['lag max (the last one)', ...cols.map((c) => cell(c, (r) => fmtMs(r.lastMs)))],
      ['worker RSS, peak', ...cols.map((c) => cell(c, (r) => mib(r.rssWorkerPeak)))],
    ],
  );
}

export function storageTable(cols: Col<StorageCeiling>[], engineIntake: Array<number | null>, apiIntake: Array<number | null>): string {
  const r = (s: Sample) => `${fmtRate(rate(s))} /s (p50 ${p(s, 50)})`;
  return table(
    ['storage ceiling: plain pg loop, one client, one row per INSERT', ...cols.map(([l]) => l)],
    [
      ['INSERT, autocommit (1 round trip)', ...cols.map((c) => cell(c, (x) => r(x.autocommit)))],
      ['BEGIN; INSERT; COMMIT (a transaction per row)', ...cols.map((c) => cell(c, (x) => r(x.transactionPerRow)))],
      ['engine intake, 1 client, in process (orders/s)', ...engineIntake.map((v) => (v === null ? '—' : fmtRate(v)))],
      ['API intake over HTTP, the best of its runs (orders/s)', ...apiIntake.map((v) => (v === null ? '—' : fmtRate(v)))],
    ],
  );
}

export interface Target {
  what: string;
  aim: string;
  measured: string;
  /** null: not measured, or (`why`) not at the target's size. */
  holds: boolean | null;
  why?: string;
}

export function targetTable(targets: Target[]): string {
  return table(
    ['targets (issue 7, real PostgreSQL, this machine)', 'aim', 'measured', 'holds'],
    targets.map((t) => [t.what, t.aim, t.measured, t.holds === null ? (t.why ?? 'not measured') : t.holds ? 'yes' : 'NO']),
  );
}
