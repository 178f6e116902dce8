/** Small measurement and formatting helpers for the benchmark (no assertions, figures only). */

/** Latencies (ms) of one kind of operation and the wall time they took together. */
export interface Sample {
  count: number;
  wallMs: number;
  latencies: number[];
}

export function emptySample(): Sample {
  return { count: 0, wallMs: 0, latencies: [] };
}

export function merge(...samples: Sample[]): Sample {
  return samples.reduce<Sample>(
    (acc, s) => ({ count: acc.count + s.count, wallMs: acc.wallMs + s.wallMs, latencies: acc.latencies.concat(s.latencies) }),
    emptySample(),
  );
}

/** Runs `fn`, pushes its latency into `sample` (count and latency only; the caller owns wall time). */
export async function timed<T>(sample: Sample, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const value = await fn();
  sample.latencies.push(performance.now() - t0);
  sample.count++;
  return value;
}

export function rate(s: Sample): number {
  return s.wallMs > 0 ? (s.count * 1000) / s.wallMs : NaN;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function fmtRate(v: number): string {
  if (!Number.isFinite(v)) return '—';
  return v >= 100 ? v.toFixed(0) : v.toFixed(1);
}

export function fmtMs(v: number): string {
  if (!Number.isFinite(v)) return '—';
  return v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(2)} ms`;
}

export function fmtPct(v: number): string {
  return Number.isFinite(v) ? `${(v * 100).toFixed(0)}%` : '—';
}

/** "rate/s  (p50 x, p95 y)" for one sample. */
export function describe(s: Sample): { rate: string; p50: string; p95: string } {
  return { rate: fmtRate(rate(s)), p50: fmtMs(percentile(s.latencies, 50)), p95: fmtMs(percentile(s.latencies, 95)) };
}

/** A plain text table; the first column is left-aligned, the others right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => displayWidth(r[i] ?? ''))));
  const line = (r: string[]): string =>
    r.map((cell, i) => (i === 0 ? padEnd(cell, widths[i]!) : padStart(cell, widths[i]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Terminal columns: CJK characters take two. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

/** Runs `count` jobs on `clients` workers; job i always goes to worker i % clients. */
export async function spread(count: number, clients: number, job: (i: number) => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c; i < count; i += clients) await job(i);
    }),
  );
  return performance.now() - t0;
}
