/**
 * The in-memory figures: the ceiling (bare bpmn-engine, one engine per order kept alive from
 * start to end) and the "persisted-style" step without a database (runStep from
 * process-runner.ts: a fresh engine per step, recovered from a JSON round trip of the state).
 */
import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import * as Elements from 'bpmn-elements';
import type { ProcessModel } from '../src/engine/process/bpmn-model';
import { runStep, ServiceFn } from '../src/engine/process/process-runner';
import { emptySample, merge, Sample, timed } from './stats';

/** The sample city's happy path: the outcome and form data of each user task, in order. */
export const HAPPY_PATH: ReadonlyArray<{ task: string; actor: string; outcome: string; data: Record<string, unknown> }> = [
  { task: 'sign', actor: 'handler@新华区', outcome: 'done', data: {} },
  {
    task: 'handle',
    actor: 'handler@新华区',
    outcome: 'reply',
    data: { result: '已修复', informedAt: '2026-03-02T09:00:00+08:00', informedBy: '电话' },
  },
  { task: 'review', actor: 'dispatcher', outcome: 'approve', data: {} },
  { task: 'visit', actor: 'dispatcher', outcome: 'done', data: { satisfaction: '满意' } },
];

/** The services the sample diagram calls, with the step's outcome, as StepContext provides them. */
function sampleServices(outcome: { last: string | null }): Record<string, ServiceFn> {
  const due = new Date(Date.UTC(2030, 0, 1)).toISOString();
  return {
    outcome: () => outcome.last,
    outcomeIs: (...outcomes: unknown[]) => outcomes.includes(outcome.last),
    orderDue: () => due,
  };
}

export class BenchError extends Error {}

/** bpmn-elements' own Timers, scheduling nothing (the boundary timer is days away), as runStep does. */
function inertTimers(): unknown {
  const Timers = (Elements as unknown as { Timers: new (o: object) => unknown }).Timers;
  return new Timers({ setTimeout: () => ({ inert: true }), clearTimeout: () => undefined });
}

/**
 * One order on a bare engine: execute, then signal sign → handle → review → visit, each as soon
 * as it waits, until the engine ends. Steps = the start plus one per signal.
 */
async function bareOrder(model: ProcessModel): Promise<number> {
  const outcome = { last: null as string | null };
  const engine = new Engine({
    name: model.key,
    sourceContext: model.sourceContext as never,
    services: sampleServices(outcome),
    timers: inertTimers() as never,
    settings: { enableDummyService: false },
  });
  const waiting = new Map<string, string>();
  const listener = new EventEmitter();
  listener.on('activity.wait', (api: { id: string; executionId: string }) => waiting.set(api.id, api.executionId));
  listener.on('activity.leave', (api: { id: string }) => waiting.delete(api.id));
  const ended = engine.waitFor('end');
  const execution = await engine.execute({ listener });
  let steps = 1;
  for (const step of HAPPY_PATH) {
    for (let spin = 0; !waiting.has(step.task); spin++) {
      if (spin > 100) throw new BenchError(`bare engine: ${step.task} is not waiting (waiting: ${[...waiting.keys()].join(', ')})`);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    outcome.last = step.outcome;
    execution.signal({ id: step.task, executionId: waiting.get(step.task), outcome: step.outcome, data: step.data });
    steps++;
  }
  await ended;
  return steps;
}

export interface CeilingResult {
  orders: Sample;
  steps: Sample;
}

export async function measureCeiling(model: ProcessModel, orders: number, warmup: number): Promise<CeilingResult> {
  for (let i = 0; i < warmup; i++) await bareOrder(model);
  const perOrder = emptySample();
  let steps = 0;
  const t0 = performance.now();
  for (let i = 0; i < orders; i++) steps += await timed(perOrder, () => bareOrder(model));
  perOrder.wallMs = performance.now() - t0;
  // Per-step latency of the bare engine is the order's time shared by its steps.
  const perStep: Sample = { count: steps, wallMs: perOrder.wallMs, latencies: perOrder.latencies.map((ms) => ms / (steps / orders)) };
  return { orders: perOrder, steps: perStep };
}

export interface PersistedStyleResult {
  /** runStep without a state: start to the first wait. */
  starts: Sample;
  /** runStep with a state and a signal: the work completeTask does in the engine. */
  signals: Sample;
  /** The signal steps by task key (sign, handle, review, visit). */
  byTask: Record<string, Sample>;
  /** Size of the stored state (JSON, without source) after the first step. */
  stateBytes: number;
}

/** One order as the service drives it, but without the database: every step a fresh engine. */
async function persistedStyleOrder(model: ProcessModel, starts: Sample, byTask: Record<string, Sample>): Promise<number> {
  const outcome = { last: null as string | null };
  const services = sampleServices(outcome);
  // Each timed step: parse the stored state, recover, resume, signal, getState, stringify.
  let stored = '';
  let result = await timed(starts, async () => {
    const r = await runStep(model, null, services);
    stored = JSON.stringify(r.state);
    return r;
  });
  const stateBytes = Buffer.byteLength(stored);
  for (const step of HAPPY_PATH) {
    const task = result.waiting.find((w) => w.activityId === step.task);
    if (!task) throw new BenchError(`runStep: ${step.task} is not waiting (waiting: ${result.waiting.map((w) => w.activityId).join(', ')})`);
    outcome.last = step.outcome;
    byTask[step.task] ??= emptySample();
    result = await timed(byTask[step.task]!, async () => {
      const state: unknown = JSON.parse(stored);
      const signal = { activityId: task.activityId, executionId: task.executionId, message: { outcome: step.outcome, data: step.data } };
      const r = await runStep(model, state, services, signal);
      stored = JSON.stringify(r.state);
      return r;
    });
  }
  if (!result.completed) throw new BenchError('runStep: the order did not reach its end');
  return stateBytes;
}

export async function measurePersistedStyle(model: ProcessModel, orders: number, warmup: number): Promise<PersistedStyleResult> {
  for (let i = 0; i < warmup; i++) await persistedStyleOrder(model, emptySample(), {});
  const starts = emptySample();
  const byTask: Record<string, Sample> = {};
  let stateBytes = 0;
  for (let i = 0; i < orders; i++) stateBytes = await persistedStyleOrder(model, starts, byTask);
  // Sequential and nothing else runs: the wall time of each kind is the sum of its latencies.
  for (const s of [starts, ...Object.values(byTask)]) s.wallMs = s.latencies.reduce((a, b) => a + b, 0);
  return { starts, signals: merge(...Object.values(byTask)), byTask, stateBytes };
}
