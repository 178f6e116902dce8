import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { Runtime } from '../app/create-runtime';
import { Actor, findDemoUser } from '../engine/work-order/actor';
import type { Task, WorkOrder } from '../engine/ports';
import { VirtualJobRunner } from '../scheduler/virtual-job-runner';
import { DomainError, ValidationError } from '../shared/errors';
import type { VirtualClock } from '../shared/virtual-clock';
import { checkExpectations } from './scenario-expect';
import { checkFigures } from './scenario-assess';
import { ActStep, AdvanceStep, AssessStep, IntakeStep, Scenario, ScenarioSchema, Step } from './scenario.schema';
import { hasOwnKey, ownValue } from '../shared/own-key';

/** Where scenarios run: one runtime on a virtual clock, emptied of work between scenarios. */
export interface ScenarioHost {
  runtime: Runtime;
  clock: VirtualClock;
  /** Deletes every order, task, job and audit event, and sets the clock to `start`. */
  reset(start: Date): Promise<void>;
}

export interface ScenarioResult {
  file: string;
  title: string;
  city: string;
  rules: string[];
  passed: boolean;
  lines: string[];
}

export class ScenarioFailure extends ValidationError {
  constructor(message: string) {
    super('SCENARIO_FAILED', message, [{ path: 'step', message }]);
  }
}

export function loadScenario(file: string): Scenario {
  const parsed = ScenarioSchema.safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${file}: ${i.path.join('.')}: ${i.message}`);
    throw new ValidationError('SCENARIO_INVALID', lines.join('\n'), parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  return parsed.data;
}

/** A tiny file of the kind the name says: a JPEG for .jpg/.jpeg, else a PDF. */
function sampleFile(name: string): Uint8Array {
  if (/\.jpe?g$/i.test(name)) return Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
  return new TextEncoder().encode(`%PDF-1.4\n% ${name}\n%%EOF\n`);
}

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

function durationMs(text: string): number {
  const m = DURATION.exec(text);
  const [w, d, h, min, s] = (m?.slice(1) ?? []).map((v) => Number(v ?? 0)) as [number, number, number, number, number];
  return (((w * 7 + d) * 24 + h) * 60 + min) * 60_000 + s * 1000;
}

/** Runs one scenario; never throws for a failing step, reports it in the result. */
export async function runScenario(host: ScenarioHost, file: string, scenario: Scenario): Promise<ScenarioResult> {
  const result: ScenarioResult = { file, title: scenario.title, city: scenario.city, rules: scenario.rules, passed: false, lines: [] };
  await host.reset(new Date(scenario.start));
  const run = new ScenarioRun(host, scenario);
  for (const [i, step] of scenario.steps.entries()) {
    const label = `${String(i + 1).padStart(2)} ${Object.keys(step)[0] ?? '?'}`;
    try {
      const said = await run.step(step);
      result.lines.push(`  ✓ ${label} ${said}`);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      result.lines.push(`  ✗ ${label} ${message}`);
      return result;
    }
  }
  result.passed = true;
  return result;
}

class ScenarioRun {
  private readonly orders = new Map<string, string>();
  private readonly jobs: VirtualJobRunner;

  constructor(
    private readonly host: ScenarioHost,
    private readonly scenario: Scenario,
  ) {
    this.jobs = new VirtualJobRunner(host.runtime.dueJobs, host.clock, host.runtime.jobHandlers);
  }

  private get policy() {
    return this.host.runtime.catalog.policy(this.scenario.city).policy;
  }

  async step(step: Step): Promise<string> {
    if ('intake' in step) return this.intake(step.intake);
    if ('act' in step) return this.act(step.act);
    if ('advance' in step) return this.advance(step.advance);
    if ('assess' in step) return this.assess(step.assess);
    const order = await this.order(step.expect.order);
    const tasks = await this.host.runtime.workOrders.tasksOf(order.id);
    const audit = await this.host.runtime.workOrders.auditOf(order.id);
    checkExpectations(step.expect, order, tasks, audit);
    return `${step.expect.order}: ${order.status}, ${tasks.filter((t) => t.status === 'open').map((t) => `${t.formKey}@${t.candidateUnit}`).join(', ') || 'no open task'}`;
  }

  private async order(ref: string): Promise<WorkOrder> {
    const id = this.orders.get(ref);
    if (!id) throw new ScenarioFailure(`no order "${ref}" was taken in this scenario`);
    return this.host.runtime.workOrders.getOrder(id);
  }

  private async expectError<T>(expected: string | undefined, action: () => Promise<T>): Promise<T | string> {
    try {
      const value = await action();
      if (expected) throw new ScenarioFailure(`expected error ${expected}, but it succeeded`);
      return value;
    } catch (err) {
      if (err instanceof ScenarioFailure) throw err;
      const code = err instanceof DomainError ? err.code : 'UNEXPECTED';
      if (expected === code) return `refused with ${code}: ${err instanceof Error ? err.message : ''}`;
      throw new ScenarioFailure(`${expected ? `expected error ${expected}, got` : 'failed with'} ${code}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async intake(s: IntakeStep): Promise<string> {
    const actor = findDemoUser(this.policy, s.as);
    const payload = {
      city: this.scenario.city,
      category: s.category,
      channel: s.channel,
      topic: s.topic,
      content: s.content,
      requester: s.requester,
      location: s.district || s.address ? { district: s.district, address: s.address } : undefined,
      leadUnit: s.leadUnit,
      coUnits: s.coUnits,
      data: s.data,
      mode: s.mode,
      answer: s.answer,
      knowledgeId: s.knowledgeId,
      reason: s.reason,
      transferTo: s.transferTo,
    };
    const outcome = await this.expectError(s.error, () => this.host.runtime.workOrders.intake(actor, payload));
    if (typeof outcome === 'string') return outcome;
    this.orders.set(s.order, outcome.id);
    return `${s.order} = ${outcome.number}, lead ${outcome.leadUnit ?? '-'}, due ${outcome.dueAt?.toISOString() ?? '-'}`;
  }

  private async act(s: ActStep): Promise<string> {
    const actor = findDemoUser(this.policy, s.as);
    const order = await this.order(s.order);
    const tasks = await this.host.runtime.workOrders.tasksOf(order.id);
    const { task, outcome } = this.pickTask(tasks, s, actor.unit);
    const data = { ...s.data, ...(await this.upload(actor, order.id, s.files ?? {})) };
    const result = await this.expectError(s.error, () =>
      this.host.runtime.workOrders.completeTask(actor, task.id, { outcome, data }),
    );
    return typeof result === 'string' ? result : `${actor.id} ${task.formKey} → ${outcome}`;
  }

  /** Uploads each file named (a small sample of its kind) and returns the ids by field. */
  private async upload(actor: Actor, orderId: string, files: Record<string, string[]>): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const [field, names] of Object.entries(files)) {
      out[field] = [];
      for (const name of names) out[field].push((await this.host.runtime.attachments.upload(actor, orderId, { name, bytes: sampleFile(name) })).id);
    }
    return out;
  }

  /** The open task named (or offering the outcome named), preferring the actor's unit; else a closed one. */
  private pickTask(tasks: Task[], s: ActStep, unit: string): { task: Task; outcome: string } {
    const named = (t: Task) => t.formKey === s.task || t.activityId === s.task || t.name === s.task;
    const offers = (t: Task) => hasOwnKey(ownValue(this.policy.tasks, t.formKey)?.outcomes, s.task);
    const newestFirst = [...tasks].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    const rank = (t: Task) => (t.status === 'open' ? 0 : 2) + (t.candidateUnit === unit ? 0 : 1);
    const pick = (match: (t: Task) => boolean) => newestFirst.filter(match).sort((a, b) => rank(a) - rank(b))[0];
    const byName = pick(named);
    const byOutcome = byName && byName.status === 'open' ? undefined : pick((t) => t.status === 'open' && offers(t));
    const task = byOutcome ?? byName;
    if (!task) throw new ScenarioFailure(`order ${s.order} has no task "${s.task}" (tasks: ${tasks.map((t) => `${t.formKey}:${t.status}`).join(', ')})`);
    const outcomes = Object.keys(ownValue(this.policy.tasks, task.formKey)?.outcomes ?? {});
    const outcome = s.outcome ?? (byOutcome ? s.task : outcomes.length === 1 ? outcomes[0] : undefined);
    if (!outcome) throw new ScenarioFailure(`task ${task.formKey} has several outcomes (${outcomes.join(', ')}): say which with outcome:`);
    return { task, outcome };
  }

  private async assess(s: AssessStep): Promise<string> {
    const actor = findDemoUser(this.policy, s.as);
    const run = await this.expectError(s.error, () => this.host.runtime.assessments.run(actor, this.scenario.city, s.period));
    if (typeof run === 'string') return run;
    const problems = checkFigures(s.units, run.result);
    if (problems.length > 0) throw new ScenarioFailure(problems.join('; '));
    return `${s.period} assessed at ${this.host.clock.now().toISOString()}: ${Object.keys(s.units).join(', ')} as expected`;
  }

  private async advance(s: AdvanceStep): Promise<string> {
    const now = this.host.clock.now();
    const target = typeof s === 'string' ? new Date(now.getTime() + durationMs(s)) : new Date(s.to);
    if (target.getTime() < now.getTime()) throw new ScenarioFailure(`cannot go back in time to ${target.toISOString()}`);
    const fired = await this.jobs.advanceTo(target);
    return `to ${target.toISOString()}; ${fired.length} job(s) fired${fired.length ? `: ${fired.map((f) => f.key.split(':').slice(0, 2).join(':')).join(', ')}` : ''}`;
  }
}
