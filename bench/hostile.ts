/**
 * Hostile uploads (issue 12): the real application (src/main.ts) on a scratch database; one
 * city's administrator sends what issue 12 found harmful — diagrams with a huge cardinality, a
 * cycle with no wait state, a millisecond timer (validated and deployed), a 1.5 MB policy, a
 * policy at the size limit, diagrams near the element limit, and four or eight of them at once — while an operator of another city reads
 * her inbox counts in a closed loop. Reported: that reader's latency (p50, p95, max) during each
 * upload, and what each upload was answered. Figures only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MAX_POLICY_BYTES } from '../src/engine/policy/yaml-limits';
import { MAX_BPMN_ELEMENTS } from '../src/engine/process/xml-precheck';
import { ApiClient, startApp } from './app-process';
import { createScratch } from './scratch';
import { emptySample, fmtMs, percentile, Sample, table } from './stats';

const ROOT = path.resolve(__dirname, '..');
const PASSWORD = 'minhu-bench-password';
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

export interface HostileRow {
  upload: string;
  /** Status and code of the upload's answers, e.g. `400 MULTI_INSTANCE_TOO_LARGE ×2`. */
  answers: string;
  reads: Sample;
}

interface Upload {
  label: string;
  requests: Array<{ path: string; body: object }>;
}

function policyOfSize(bytes: number): string {
  const sample = read('policies/sample.yaml');
  const keys: string[] = [];
  for (let i = 0, size = sample.length + 1; size < bytes; i++) {
    const line = `k${i}: 1`;
    keys.push(line);
    size += line.length + 1;
  }
  return `${sample}\n${keys.join('\n')}\n`;
}

/** The sample diagram with a valid chain of tasks, near MAX_BPMN_ELEMENTS (valid: it is checked to the end). */
function diagramNearLimit(): string {
  const n = MAX_BPMN_ELEMENTS / 2 - 100;
  const tasks = Array.from({ length: n }, (_, i) => `<bpmn:task id="x${i}" /><bpmn:sequenceFlow id="xf${i}" sourceRef="x${i}" targetRef="x${i + 1}" />`).join('');
  return read('processes/sample.bpmn').replace('</bpmn:process>', `<bpmn:sequenceFlow id="toX" sourceRef="sign" targetRef="x0" />${tasks}<bpmn:endEvent id="x${n}" /></bpmn:process>`);
}

function uploads(): Upload[] {
  const diagram = (name: string) => ({ xml: read(`test/fixtures/bpmn/${name}`) });
  const both = (label: string, file: string): Upload => ({
    label,
    requests: [
      { path: '/api/processes/sample/validate', body: diagram(file) },
      { path: '/api/processes/sample/versions', body: diagram(file) },
    ],
  });
  const huge = { yaml: policyOfSize(1.5 * 1024 * 1024) };
  const atLimit = { yaml: policyOfSize(MAX_POLICY_BYTES - 1024) };
  const bigDiagram = { xml: diagramNearLimit() };
  const times = (n: number, r: { path: string; body: object }) => Array.from({ length: n }, () => r);
  return [
    { label: 'none (baseline)', requests: [] },
    both('huge cardinality (validate + deploy)', 'huge-cardinality.bpmn'),
    both('waitless cycle (validate + deploy)', 'waitless-cycle.bpmn'),
    both('millisecond timer (validate + deploy)', 'millisecond-timer.bpmn'),
    { label: '1.5 MB policy (validate)', requests: [{ path: '/api/policies/sample/validate', body: huge }] },
    { label: 'policy at the size limit (validate)', requests: [{ path: '/api/policies/sample/validate', body: atLimit }] },
    { label: '4 × 1.5 MB policy at once', requests: times(4, { path: '/api/policies/sample/validate', body: huge }) },
    { label: '4 × policy at the limit at once', requests: times(4, { path: '/api/policies/sample/validate', body: atLimit }) },
    { label: '4 × diagram near the element limit at once (validate)', requests: times(4, { path: '/api/processes/sample/validate', body: bigDiagram }) },
    {
      label: '4 × policy at the limit + 4 × diagram near it at once',
      requests: [...times(4, { path: '/api/policies/sample/validate', body: atLimit }), ...times(4, { path: '/api/processes/sample/validate', body: bigDiagram })],
    },
    {
      label: '4 hostile diagrams at once (deploy)',
      requests: ['huge-cardinality.bpmn', 'waitless-cycle.bpmn', 'millisecond-timer.bpmn', 'signal-loop.bpmn'].map((f) => ({ path: '/api/processes/sample/versions', body: diagram(f) })),
    },
  ];
}

function summarize(answers: Array<{ status: number; body: Record<string, unknown> }>): string {
  const counts = new Map<string, number>();
  for (const a of answers) {
    const first = (a.body.errors as Array<{ code?: string }> | undefined)?.find((e) => e.code)?.code ?? a.body.code;
    const key = `${a.status}${first ? ` ${String(first)}` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k} ×${n}`).join(', ') || '—';
}

/** Reads in a closed loop until `until` resolves; the reads' latencies. */
async function readWhile(reader: ApiClient, until: Promise<unknown>): Promise<Sample> {
  const sample = emptySample();
  let done = false;
  void until.finally(() => (done = true));
  const t0 = performance.now();
  do {
    const res = await reader.send('GET', '/api/inbox/counts');
    if (res.status !== 200) throw new Error(`the other city's read answered ${res.status}`);
    sample.latencies.push(res.ms);
    sample.count++;
  } while (!done);
  sample.wallMs = performance.now() - t0;
  return sample;
}

/** Renders the rows: upload, its answers, and the other city's read latency meanwhile. */
export function hostileTable(rows: HostileRow[], rounds: number): string {
  const header = ['hostile upload (sample city), ' + rounds + ' rounds', 'answered', 'huizhou reads', 'p50', 'p95', 'max'];
  const body = rows.map((r) => [r.upload, r.answers, String(r.reads.count), fmtMs(percentile(r.reads.latencies, 50)), fmtMs(percentile(r.reads.latencies, 95)), fmtMs(Math.max(...r.reads.latencies))]);
  return table(header, body);
}

export async function measureHostile(databaseUrl: string | undefined, rounds: number, progress: (t: string) => void): Promise<HostileRow[]> {
  const scratch = await createScratch(databaseUrl);
  const app = await startApp({ ...scratch.env, MINHU_DEMO_USERS: 'true', MINHU_DEMO_PASSWORD: PASSWORD });
  try {
    const admin = new ApiClient(app.port!);
    const reader = new ApiClient(app.port!);
    await admin.login('sample.admin1', PASSWORD);
    await reader.login('huizhou.hz-op1', PASSWORD);
    for (let i = 0; i < 50; i++) await reader.send('GET', '/api/inbox/counts'); // warm
    const rows: HostileRow[] = [];
    for (const upload of uploads()) {
      progress(`hostile: ${upload.label}, ${rounds} rounds`);
      const answers: Array<{ status: number; body: Record<string, unknown> }> = [];
      const sending = (async () => {
        for (let r = 0; r < rounds; r++) {
          if (upload.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
          answers.push(...(await Promise.all(upload.requests.map((q) => admin.send('POST', q.path, q.body)))));
        }
      })();
      const reads = await readWhile(reader, sending);
      await sending;
      rows.push({ upload: upload.label, answers: summarize(answers), reads });
    }
    return rows;
  } finally {
    await app.stop();
    await scratch.drop();
  }
}
