/**
 * `npm run bench`: the figures of issue 7 (and of issues 2 and 6) in tables.
 *
 * Parts (BENCH_ONLY=<part>[,<part>…] runs only those; default all):
 *   engine      bare bpmn-engine ceiling, persisted steps/s and intake through the engine (no HTTP)
 *   storage     the database's own single-row insert rate with a plain `pg` loop (the ceiling)
 *   api         intake through the HTTP API (src/main.ts as a child): at 100 orders/s offered, then
 *               with 8 and 16 clients sending as fast as they are answered; its RSS
 *   inbox       inbox latency with 1,000,000 orders and 100,000 open tasks (service and HTTP)
 *   timers      lag of 10,000 deadlines falling due at the same moment (PostgreSQL only)
 *   assessment  the monthly assessment over a generated year (issue 6)
 *   hostile     another city's read latency while one city uploads hostile diagrams and policies
 *               (issue 12; src/main.ts as a child, on PGlite)
 *
 *   DATABASE_URL   a PostgreSQL server (scratch databases are created and dropped); without it,
 *                  only the PGlite column is measured
 *   BENCH_SCALE=small   every size scaled down (a quick run in about two minutes)
 *   BENCH_ORDERS, BENCH_WARMUP           engine: orders per measurement, warm-up
 *   BENCH_API_ORDERS     api: orders per load
 *   BENCH_API_WARMUP     api: orders sent by 8 clients first, unmeasured (JIT, pools, caches warm)
 *   BENCH_API_RATES      api: offered rates, orders a second, open loop ("100"; "" for none)
 *   BENCH_API_SESSIONS   api: operators' sessions taking turns at an offered rate (8)
 *   BENCH_API_CLIENTS    api: closed-loop client counts ("8,16"; "" for none)
 *   BENCH_APP_NODE_ARGS  api, inbox, timers: extra node flags for the app process (e.g. --cpu-prof)
 *   BENCH_API_PROCESSES  api on PostgreSQL: that many app processes on the one database (default 1)
 *   BENCH_INBOX_ORDERS, BENCH_INBOX_OPEN_TASKS, BENCH_INBOX_ROUNDS, BENCH_INBOX_PGLITE_ORDERS
 *   BENCH_TIMER_JOBS                     timers: deadlines due at once
 *   BENCH_STORAGE_ROWS                   storage: rows per loop
 *   BENCH_ASSESSMENT_ORDERS, BENCH_ASSESSMENT_PGLITE_ORDERS   assessment: orders in the year
 *   BENCH_HOSTILE_ROUNDS                 hostile: times each upload is sent
 *
 * Prints figures only; it never asserts on time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseProcessModel } from '../src/engine/process/bpmn-model';
import { createLogger } from '../src/shared/logger';
import { measureCeiling, measurePersistedStyle } from './in-memory';
import { measurePersisted, openBenchRuntime, PersistedResult } from './persisted';
import { describe, fmtMs, fmtPct, fmtRate, percentile, rate, Sample, table } from './stats';
import { AssessmentBench, measureAssessment } from './assessment';
import { ApiIntakeResult, ApiIntakeRun, ApiLoad, measureApiIntake } from './api-intake';
import { measureInbox } from './inbox';
import { measureStorage, StorageCeiling } from './storage';
import { apiTable, Col, inboxTable, storageTable, Target, targetTable, timerTable } from './tables';
import { measureTimerLag } from './timer-lag';
import { hostileTable, measureHostile } from './hostile';

const ROOT = path.resolve(__dirname, '..');
const CONCURRENT_CLIENTS = 4;

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number, got "${raw}"`);
  return value;
}

/** A comma-separated list of whole numbers ("" for none). */
function intsFromEnv(name: string, fallback: string): number[] {
  const raw = (process.env[name] ?? fallback).split(',').map((x) => x.trim()).filter(Boolean);
  const values = raw.map(Number);
  if (values.some((n) => !Number.isInteger(n) || n <= 0)) throw new RangeError(`${name} must be whole numbers separated by commas, got "${process.env[name]}"`);
  return values;
}

/**
 * Issue 7's intake target, read two ways: at 100 orders/s offered (open loop) the answers keep
 * pace and p95 stays under 100 ms; with clients sending as fast as they are answered (closed
 * loop) 100 orders/s or more are answered (its latency is clients ÷ rate by construction).
 */
function apiTarget(run: ApiIntakeRun): Target {
  const r = rate(run.intake);
  const p95 = percentile(run.intake.latencies, 95);
  if ('perSecond' in run.load) {
    return {
      what: `API intake, ${run.load.perSecond} orders/s offered`,
      aim: 'answered at pace, p95 < 100 ms',
      measured: `${fmtRate(r)} /s answered, p95 ${fmtMs(p95)}`,
      holds: run.load.perSecond >= 100 ? run.errors === 0 && r >= 0.99 * run.load.perSecond && p95 < 100 : null,
      why: run.load.perSecond >= 100 ? undefined : 'n/a: under 100 /s offered',
    };
  }
  return { what: `API intake, ${run.load.clients} clients (closed loop)`, aim: '≥ 100 /s answered', measured: `${fmtRate(r)} /s, p95 ${fmtMs(p95)}`, holds: run.errors === 0 && r >= 100 };
}

function progress(text: string): void {
  process.stderr.write(`… ${text}\n`);
}

function packageVersion(name: string): string {
  try {
    const file = path.join(ROOT, 'node_modules', name, 'package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string }).version ?? '?';
  } catch {
    return '?';
  }
}

interface Column {
  label: string;
  version: string | null;
  sequential: PersistedResult | null;
  concurrent: PersistedResult | null;
  skipped: string | null;
}

async function measureDatabase(label: string, databaseUrl: string | undefined, orders: number, warmup: number, concurrent: boolean): Promise<Column> {
  const logger = createLogger('error');
  progress(`${label}: opening a scratch database`);
  const bench = await openBenchRuntime(databaseUrl, logger);
  try {
    progress(`${label}: sequential, ${orders} orders`);
    const sequential = await measurePersisted(bench.runtime, orders, warmup, 1);
    let parallel: PersistedResult | null = null;
    if (concurrent) {
      progress(`${label}: ${CONCURRENT_CLIENTS} concurrent clients, ${orders} orders`);
      parallel = await measurePersisted(bench.runtime, orders, warmup, CONCURRENT_CLIENTS);
    }
    return { label, version: bench.version.split(' on ')[0] ?? bench.version, sequential, concurrent: parallel, skipped: null };
  } finally {
    await bench.close();
  }
}

function persistedRows(columns: Column[], inMemoryStepRate: number, inMemoryStartRate: number, ceilingStepRate: number): string[][] {
  const rows: string[][] = [];
  for (const which of ['sequential', 'concurrent'] as const) {
    const title = which === 'sequential' ? 'sequential (1 client)' : `${CONCURRENT_CLIENTS} concurrent clients`;
    // A column that was not measured says why once, in the section's title row.
    rows.push([title, ...columns.map((c) => c.skipped ?? (c[which] ? '' : 'n/a: one connection'))]);
    if (columns.every((c) => !c[which])) continue;
    const add = (name: string, pick: (r: PersistedResult) => string): void => {
      rows.push([`  ${name}`, ...columns.map((c) => (c[which] ? pick(c[which]) : '—'))]);
    };
    add('orders created /s (intake)', (r) => fmtRate(rate(r.intake)));
    add('  intake p50', (r) => describe(r.intake).p50);
    add('  intake p95', (r) => describe(r.intake).p95);
    add('persisted steps /s (completeTask)', (r) => fmtRate(rate(r.steps)));
    add('  step p50', (r) => describe(r.steps).p50);
    add('  step p95', (r) => describe(r.steps).p95);
    add('  p50 sign/handle/review/visit (ms)', (r) => byTaskP50(r.byTask));
    add('persisted steps/s ÷ ceiling steps/s (target ≥ 60%)', (r) => fmtPct(rate(r.steps) / ceilingStepRate));
    add('steps/s ÷ in-memory recover-per-step rate', (r) => fmtPct(rate(r.steps) / inMemoryStepRate));
    add('intakes/s ÷ in-memory start/s', (r) => fmtPct(rate(r.intake) / inMemoryStartRate));
  }
  return rows;
}

function byTaskP50(byTask: Record<string, Sample>): string {
  return Object.values(byTask)
    .map((s) => percentile(s.latencies, 50).toFixed(1))
    .join(' / ');
}

async function assessmentColumn(label: string, databaseUrl: string | undefined, orders: number): Promise<[string, AssessmentBench | null]> {
  if (orders === 0) return [label, null];
  const bench = await openBenchRuntime(databaseUrl, createLogger('error'));
  try {
    progress(`${label}: monthly assessment over a year of ${orders} orders`);
    return [label, await measureAssessment(bench.runtime, orders, (t) => progress(`${label}: ${t}`))];
  } finally {
    await bench.close();
  }
}

async function assessmentTable(databaseUrl: string | undefined, pgliteOrders: number, pgOrders: number): Promise<string> {
  const columns = [await assessmentColumn('PGlite', undefined, pgliteOrders)];
  columns.push(databaseUrl ? await assessmentColumn('PostgreSQL', databaseUrl, pgOrders) : ['PostgreSQL', null]);
  const cell = (b: AssessmentBench | null, f: (b: AssessmentBench) => string) => (b ? f(b) : 'skipped');
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  return table(
    ['monthly assessment (Haikou policy, October of a generated year)', ...columns.map(([l]) => l)],
    [
      ['orders in the database (one year)', ...columns.map(([, b]) => cell(b, (x) => x.orders.toLocaleString('en')))],
      ['orders received in the month', ...columns.map(([, b]) => cell(b, (x) => x.ordersInMonth.toLocaleString('en')))],
      ['generating the year (orders, instances, tasks)', ...columns.map(([, b]) => cell(b, (x) => fmtMs(x.generateMs)))],
      ['assessment run, median of 3 (count + compute + store)', ...columns.map(([, b]) => cell(b, (x) => fmtMs(median(x.runsMs))))],
      ['  the 3 runs', ...columns.map(([, b]) => cell(b, (x) => x.runsMs.map((m) => fmtMs(m)).join(' / ')))],
      ['units assessed / entries on the lists', ...columns.map(([, b]) => cell(b, (x) => `${x.units} / ${x.listed}`))],
      ['aim (issue 6): under 5 s at 1,000,000 orders on PostgreSQL', ...columns.map(() => '')],
    ],
  );
}

type Part = 'engine' | 'storage' | 'api' | 'inbox' | 'timers' | 'assessment' | 'hostile';
const PARTS: Part[] = ['engine', 'storage', 'api', 'inbox', 'timers', 'assessment', 'hostile'];

function selectedParts(): Set<Part> {
  const only = (process.env.BENCH_ONLY ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  const unknown = only.filter((x) => !PARTS.includes(x as Part));
  if (unknown.length > 0) throw new RangeError(`BENCH_ONLY: unknown part ${unknown.join(', ')} (parts: ${PARTS.join(', ')})`);
  return new Set(only.length > 0 ? (only as Part[]) : PARTS);
}

/** Sizes of a full run, or of BENCH_SCALE=small; each overridable by its own variable. */
function sizes() {
  const small = process.env.BENCH_SCALE === 'small';
  if (process.env.BENCH_SCALE && !['small', 'full'].includes(process.env.BENCH_SCALE)) throw new RangeError('BENCH_SCALE must be small or full');
  return {
    orders: intFromEnv('BENCH_ORDERS', small ? 30 : 300),
    warmup: intFromEnv('BENCH_WARMUP', small ? 5 : 20),
    apiOrders: intFromEnv('BENCH_API_ORDERS', small ? 100 : 1000),
    apiProcesses: Math.max(1, intFromEnv('BENCH_API_PROCESSES', 1)),
    apiWarmup: intFromEnv('BENCH_API_WARMUP', small ? 50 : 500),
    apiRates: intsFromEnv('BENCH_API_RATES', '100'),
    apiSessions: Math.max(1, intFromEnv('BENCH_API_SESSIONS', 8)),
    apiClients: intsFromEnv('BENCH_API_CLIENTS', '8,16'),
    inboxOrders: intFromEnv('BENCH_INBOX_ORDERS', small ? 10_000 : 1_000_000),
    inboxOpenTasks: intFromEnv('BENCH_INBOX_OPEN_TASKS', small ? 1_000 : 100_000),
    inboxPgliteOrders: intFromEnv('BENCH_INBOX_PGLITE_ORDERS', small ? 2_000 : 100_000),
    inboxRounds: intFromEnv('BENCH_INBOX_ROUNDS', small ? 20 : 100),
    timerJobs: intFromEnv('BENCH_TIMER_JOBS', small ? 500 : 10_000),
    storageRows: intFromEnv('BENCH_STORAGE_ROWS', small ? 500 : 5_000),
    assessmentOrders: intFromEnv('BENCH_ASSESSMENT_ORDERS', small ? 10_000 : 1_000_000),
    assessmentPgliteOrders: intFromEnv('BENCH_ASSESSMENT_PGLITE_ORDERS', small ? 2_000 : 100_000),
    hostileRounds: Math.max(1, intFromEnv('BENCH_HOSTILE_ROUNDS', small ? 3 : 10)),
  };
}

async function serverVersion(databaseUrl: string | undefined): Promise<string> {
  const bench = await openBenchRuntime(databaseUrl, createLogger('error'));
  try {
    return bench.version.split(' on ')[0] ?? bench.version;
  } finally {
    await bench.close();
  }
}

function machineLines(versions: Record<string, string>): string[] {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  return [
    `machine    ${cpus[0]?.model ?? '?'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}`,
    `node       ${process.version}, bpmn-engine ${packageVersion('bpmn-engine')}, @electric-sql/pglite ${packageVersion('@electric-sql/pglite')}, agenda ${packageVersion('agenda')}`,
    ...Object.entries(versions).map(([label, v]) => `${label.padEnd(10)} ${v}`),
    `load       ${load} (1, 5, 15 min) at the start; started ${new Date().toISOString()}`,
  ];
}

async function main(): Promise<void> {
  const parts = selectedParts();
  const z = sizes();
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const started = performance.now();
  const versions: Record<string, string> = { PGlite: await serverVersion(undefined) };
  versions.PostgreSQL = databaseUrl ? await serverVersion(databaseUrl) : 'skipped: set DATABASE_URL';
  const out: string[] = ['', 'minhu benchmark', ...machineLines(versions), ''];
  const pgCol = <T>(f: () => Promise<T>): Promise<Col<T>> =>
    databaseUrl ? f().then((v): Col<T> => ['PostgreSQL', v]) : Promise.resolve(['PostgreSQL', null, 'skipped: set DATABASE_URL']);
  const targets: Target[] = [];
  let engineIntake: Array<number | null> = [null, null];
  let apiIntake: Array<number | null> = [null, null];
  let storage: Col<StorageCeiling>[] | null = null;

  if (parts.has('engine')) out.push(...(await engineTables(z.orders, z.warmup, databaseUrl, (pg, pglite) => (engineIntake = [pglite, pg]))), '');

  if (parts.has('storage')) {
    progress(`storage ceiling: ${z.storageRows} rows per loop`);
    storage = [['PGlite', await measureStorage(undefined, z.storageRows)], await pgCol(() => measureStorage(databaseUrl!, z.storageRows))];
  }

  if (parts.has('api')) {
    const cols: Col<ApiIntakeResult>[] = [];
    for (const [label, url] of [['PGlite', undefined], ['PostgreSQL', databaseUrl]] as const) {
      if (label === 'PostgreSQL' && !url) {
        cols.push([label, null, 'skipped: set DATABASE_URL']);
        continue;
      }
      progress(`${label}: intake through the API`);
      const processes = label === 'PostgreSQL' ? z.apiProcesses : 1;
      const loads: ApiLoad[] = [...z.apiRates.map((perSecond) => ({ perSecond, sessions: z.apiSessions })), ...z.apiClients.map((clients) => ({ clients }))];
      cols.push([label, await measureApiIntake(url, loads, z.apiOrders, z.apiWarmup, (t) => progress(`${label} api: ${t}`), {}, processes)]);
    }
    out.push(apiTable(cols), '');
    apiIntake = cols.map(([, r]) => (r ? Math.max(...r.runs.map((run) => rate(run.intake))) : null));
    for (const run of cols[1]?.[1]?.runs ?? []) targets.push(apiTarget(run));
    if (!cols[1]?.[1]) targets.push({ what: 'API intake', aim: '≥ 100 /s, p95 < 100 ms', measured: '—', holds: null });
  }
  if (storage) out.push(storageTable(storage, engineIntake, apiIntake), '');

  if (parts.has('inbox')) {
    const pglite = z.inboxPgliteOrders > 0
      ? await measureInbox(undefined, z.inboxPgliteOrders, Math.round((z.inboxPgliteOrders * z.inboxOpenTasks) / Math.max(1, z.inboxOrders)), z.inboxRounds, true, (t) => progress(`PGlite inbox: ${t}`))
      : null;
    const pg = await pgCol(() => measureInbox(databaseUrl!, z.inboxOrders, z.inboxOpenTasks, z.inboxRounds, true, (t) => progress(`PostgreSQL inbox: ${t}`)));
    out.push(inboxTable([['PGlite', pglite, 'skipped'], pg]), '');
    const http = pg[1]?.http;
    const worst = http ? Math.max(...Object.values(http).map((s) => percentile(s.latencies, 95))) : NaN;
    targets.push({
      what: `inbox p95, every tab and the counts, over HTTP (${pg[1] ? pg[1].orders.toLocaleString('en') : '—'} orders)`,
      aim: '< 30 ms at 1,000,000 orders',
      measured: http ? `worst tab p95 ${fmtMs(worst)}` : '—',
      holds: http && (pg[1]?.orders ?? 0) >= 1_000_000 ? worst < 30 : null,
      why: http ? 'n/a: fewer orders' : undefined,
    });
  }

  if (parts.has('timers')) {
    const pg = await pgCol(() => measureTimerLag(databaseUrl!, z.timerJobs, {}, (t) => progress(`PostgreSQL ${t}`)));
    out.push(timerTable([['PGlite', null, 'not measured'], pg]), '');
    const r = pg[1];
    targets.push({
      what: `${r ? r.jobs.toLocaleString('en') : '—'} deadlines due at once, lag p99`,
      aim: '10,000 within 5 s (p99)',
      measured: r ? `p99 ${fmtMs(percentile(r.lagsMs, 99))}, ${r.fired.toLocaleString('en')} fired, max ${fmtMs(r.lastMs)}` : '—',
      holds: r && r.jobs >= 10_000 ? r.fired === r.jobs && percentile(r.lagsMs, 99) < 5000 : null,
      why: r ? 'n/a: fewer deadlines' : undefined,
    });
  }

  if (parts.has('assessment')) out.push(await assessmentTable(databaseUrl, z.assessmentPgliteOrders, z.assessmentOrders), '');

  if (parts.has('hostile')) out.push(hostileTable(await measureHostile(undefined, z.hostileRounds, progress), z.hostileRounds), '');

  if (targets.length > 0) out.push(targetTable(targets), '');
  out.push(`load       ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min) at the end`);
  out.push(`total run time ${fmtMs(performance.now() - started)}`);
  console.log(out.join('\n'));
}

/** The engine part (issue 2): ceiling, persisted-style, persisted on PGlite and PostgreSQL. */
async function engineTables(orders: number, warmup: number, databaseUrl: string | undefined, intake: (pg: number | null, pglite: number | null) => void): Promise<string[]> {
  const model = await parseProcessModel(fs.readFileSync(path.join(ROOT, 'processes', 'sample.bpmn'), 'utf8'));
  progress(`in memory: bare bpmn-engine, ${orders} orders`);
  const ceiling = await measureCeiling(model, orders, warmup);
  progress(`in memory: runStep per step, ${orders} orders`);
  const styled = await measurePersistedStyle(model, orders, warmup);

  const columns: Column[] = [await measureDatabase('PGlite', undefined, orders, warmup, false)];
  if (databaseUrl) columns.push(await measureDatabase('PostgreSQL', databaseUrl, orders, warmup, true));
  else columns.push({ label: 'PostgreSQL', version: null, sequential: null, concurrent: null, skipped: 'skipped: set DATABASE_URL' });
  const seq = (c: Column | undefined) => (c?.sequential ? rate(c.sequential.intake) : null);
  intake(seq(columns[1]), seq(columns[0]));

  const c = describe(ceiling.orders);
  const cs = describe(ceiling.steps);
  const st = describe(styled.starts);
  const sg = describe(styled.signals);
  const memoryTable = table(
    ['engine in memory (no database), sample city: sign → handle → review → visit → end', 'rate /s', 'p50', 'p95'],
    [
      ['ceiling: orders (bare Engine per order, start + 4 signals)', c.rate, c.p50, c.p95],
      ['ceiling: steps (start or signal; latency = order / 5)', cs.rate, cs.p50, cs.p95],
      ['persisted-style start (runStep: execute → getState → JSON)', st.rate, st.p50, st.p95],
      ['persisted-style step (runStep: JSON → recover → resume → signal → getState → JSON)', sg.rate, sg.p50, sg.p95],
      ['persisted-style steps ÷ ceiling steps', fmtPct(rate(styled.signals) / rate(ceiling.steps)), '', ''],
    ],
  );
  const persistedTable = table(
    [`persisted (one transaction per command; ${orders} orders, warm-up ${warmup})`, ...columns.map((col) => col.label)],
    persistedRows(columns, rate(styled.signals), rate(styled.starts), rate(ceiling.steps)),
  );
  return [
    memoryTable,
    '',
    persistedTable,
    `in memory, runStep p50 sign/handle/review/visit (ms): ${byTaskP50(styled.byTask)}`,
    `state of a waiting order: ${(styled.stateBytes / 1024).toFixed(1)} KB JSON (without source)`,
    'target (issue 2): persisted steps/s ≥ 60% of the bare-engine ceiling steps/s on PostgreSQL',
  ];
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
