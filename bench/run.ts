/**
 * `npm run bench`: throughput and latency of the sample city's process, in memory and persisted.
 *
 *   BENCH_ORDERS   orders per measurement (default 300), after a warm-up of BENCH_WARMUP (20)
 *   DATABASE_URL   a PostgreSQL server to measure on (a scratch database is created and dropped)
 *   BENCH_ASSESSMENT_ORDERS         orders in the year for the monthly assessment on PostgreSQL (1000000)
 *   BENCH_ASSESSMENT_PGLITE_ORDERS  the same on PGlite (100000; 0 skips it)
 *   BENCH_ONLY=assessment           only the monthly assessment
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

const ROOT = path.resolve(__dirname, '..');
const CONCURRENT_CLIENTS = 4;

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number, got "${raw}"`);
  return value;
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

async function assessmentTable(databaseUrl: string | undefined): Promise<string> {
  const columns = [await assessmentColumn('PGlite', undefined, intFromEnv('BENCH_ASSESSMENT_PGLITE_ORDERS', 100_000))];
  columns.push(databaseUrl ? await assessmentColumn('PostgreSQL', databaseUrl, intFromEnv('BENCH_ASSESSMENT_ORDERS', 1_000_000)) : ['PostgreSQL', null]);
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

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === 'assessment') {
    console.log(['', await assessmentTable(process.env.DATABASE_URL || undefined), ''].join('\n'));
    return;
  }
  const orders = intFromEnv('BENCH_ORDERS', 300);
  const warmup = intFromEnv('BENCH_WARMUP', 20);
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const started = performance.now();

  const model = await parseProcessModel(fs.readFileSync(path.join(ROOT, 'processes', 'sample.bpmn'), 'utf8'));
  progress(`in memory: bare bpmn-engine, ${orders} orders`);
  const ceiling = await measureCeiling(model, orders, warmup);
  progress(`in memory: runStep per step, ${orders} orders`);
  const styled = await measurePersistedStyle(model, orders, warmup);

  const columns: Column[] = [await measureDatabase('PGlite', undefined, orders, warmup, false)];
  if (databaseUrl) columns.push(await measureDatabase('PostgreSQL', databaseUrl, orders, warmup, true));
  else columns.push({ label: 'PostgreSQL', version: null, sequential: null, concurrent: null, skipped: 'skipped: set DATABASE_URL' });

  const cpus = os.cpus();
  const header = [
    'minhu benchmark — sample city (sign → handle → review → visit → end)',
    `machine    ${cpus[0]?.model ?? '?'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}`,
    `node       ${process.version}, bpmn-engine ${packageVersion('bpmn-engine')}, @electric-sql/pglite ${packageVersion('@electric-sql/pglite')}`,
    ...columns.map((c) => `${c.label.padEnd(10)} ${c.version ?? c.skipped ?? '?'}`),
    `orders     ${orders} per measurement, after a warm-up of ${warmup}; clock: SystemClock`,
  ];

  const c = describe(ceiling.orders);
  const cs = describe(ceiling.steps);
  const st = describe(styled.starts);
  const sg = describe(styled.signals);
  const memoryTable = table(
    ['in memory (no database)', 'rate /s', 'p50', 'p95'],
    [
      ['ceiling: orders (bare Engine per order, start + 4 signals)', c.rate, c.p50, c.p95],
      ['ceiling: steps (start or signal; latency = order / 5)', cs.rate, cs.p50, cs.p95],
      ['persisted-style start (runStep: execute → getState → JSON)', st.rate, st.p50, st.p95],
      ['persisted-style step (runStep: JSON → recover → resume → signal → getState → JSON)', sg.rate, sg.p50, sg.p95],
      ['persisted-style steps ÷ ceiling steps', fmtPct(rate(styled.signals) / rate(ceiling.steps)), '', ''],
    ],
  );
  const persistedTable = table(
    ['persisted (one transaction per command)', ...columns.map((col) => col.label)],
    persistedRows(columns, rate(styled.signals), rate(styled.starts), rate(ceiling.steps)),
  );

  const assessment = await assessmentTable(databaseUrl);
  console.log(['', ...header, '', memoryTable, '', persistedTable, '', assessment, ''].join('\n'));
  console.log(`in memory, runStep p50 sign/handle/review/visit (ms): ${byTaskP50(styled.byTask)}`);
  console.log(`state of a waiting order: ${(styled.stateBytes / 1024).toFixed(1)} KB JSON (without source)`);
  console.log('target (issue 2): persisted steps/s ≥ 60% of the bare-engine ceiling steps/s on PostgreSQL');
  console.log(`total run time ${fmtMs(performance.now() - started)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
