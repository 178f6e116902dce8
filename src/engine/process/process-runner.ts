import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import * as Elements from 'bpmn-elements';
import { ConflictError, DomainError, UnexpectedError } from '../../shared/errors';
import { ProcessModel } from './bpmn-model';
import { safeExpressions } from './safe-expressions';
import { budgetExtension, DEFAULT_STEP_LIMITS, monotonicMs, StepBudget, StepLimits, Stopwatch } from './step-budget';

/**
 * Runs one step of one process instance with a fresh bpmn-engine: start or recover, resume,
 * optionally signal a waiting user task, run to the next wait state, and report what is
 * waiting and which timers are pending. The engine is dropped afterwards.
 *
 * Timers never run in-process: the Timers object records them and the caller persists each
 * as a durable job. When the job is due, a new step recovers the instance and bpmn-engine fires
 * the past-due timer at resume.
 *
 * Each step has a budget (step-budget.ts): past it, the run is unwound at once and the step
 * fails with STEP_BUDGET_EXCEEDED, so its transaction writes nothing.
 */

export type ServiceFn = (...args: unknown[]) => unknown;

export interface Signal {
  activityId: string;
  executionId: string;
  message: Record<string, unknown>;
}

export interface WaitingTask {
  activityId: string;
  executionId: string;
  /** Position in a multi-instance loop, or null. */
  index: number | null;
}

export interface PendingTimer {
  activityId: string;
  expireAt: Date;
}

export interface StepOutcome {
  state: unknown;
  completed: boolean;
  waiting: WaitingTask[];
  timers: PendingTimer[];
  /** End events reached in this step. */
  endEvents: string[];
  /** Timer events that fired in this step. */
  firedTimers: string[];
  /** Flags of the throw and end events passed in this step. */
  flags: string[];
}

/** Refuses any script at run time too (diagrams with scripts are refused at deploy). */
const noScripts = {
  register: (): undefined => undefined,
  /** Asked for every condition: none without a language is a script; any with one is refused. */
  getScript: (language: string | undefined, activity: { id?: string }): undefined => {
    if (!language) return undefined;
    throw new DomainError('SCRIPT_TASK_REFUSED', `scripts are not allowed (element ${activity.id ?? '?'}, ${language})`);
  },
};

/**
 * bpmn-engine's default logger makes three `debug` loggers for every element of every instance
 * (each asking whether stderr is a terminal): a measurable share of an intake's time. Its errors
 * reach us as the engine's 'error' event, so nothing is lost by staying quiet.
 */
const quiet = { debug: (): void => undefined, error: (): void => undefined, warn: (): void => undefined };
const quietLogger = (): typeof quiet => quiet;

interface RecordedTimer {
  owner?: { id?: string };
  expireAt: Date;
}

function recordingTimers(): { timers: unknown; pending(): PendingTimer[] } {
  const timers = new (Elements as unknown as { Timers: new (o: object) => { executing: RecordedTimer[] } }).Timers({
    setTimeout: () => ({ durable: true }),
    clearTimeout: () => undefined,
  });
  return {
    timers,
    pending: () =>
      timers.executing
        .filter((t) => typeof t.owner?.id === 'string')
        .map((t) => ({ activityId: t.owner?.id ?? '', expireAt: new Date(t.expireAt.getTime()) })),
  };
}

interface EventApi {
  id: string;
  executionId: string;
  content?: { index?: number; isMultiInstance?: boolean; parent?: { executionId?: string } };
}

function stripSource(state: unknown): unknown {
  const s = state as { definitions?: Array<Record<string, unknown>> };
  for (const d of s.definitions ?? []) delete d.source;
  return s;
}

/**
 * One process instance inside a live bpmn-engine. A step recovers it from its saved state (or
 * starts it), signals, and reports; the same live instance may then serve the next step of
 * the same instance in this process (see engine-cache.ts), which saves the recover.
 */
export class LiveInstance {
  private readonly engine: InstanceType<typeof Engine>;
  private readonly listener = new EventEmitter();
  private readonly waiting = new Map<string, WaitingTask>();
  /** Iterations of a multi-instance task announce their wait but not their end. */
  private readonly parents = new Map<string, string>();
  private readonly pending: () => PendingTimer[];
  private readonly current: { services: Record<string, ServiceFn> };
  private execution: Awaited<ReturnType<InstanceType<typeof Engine>['execute']>> | null = null;
  private completed = false;
  private failure: unknown = null;
  private step = { endEvents: [] as string[], firedTimers: [] as string[], flags: [] as string[] };
  private budget: StepBudget;

  constructor(
    private readonly model: ProcessModel,
    private readonly state: unknown | null,
    services: Record<string, ServiceFn>,
    private readonly limits: StepLimits = DEFAULT_STEP_LIMITS,
    private readonly stopwatch: Stopwatch = monotonicMs,
  ) {
    this.budget = new StepBudget(limits, stopwatch);
    const { timers, pending } = recordingTimers();
    this.pending = pending;
    this.current = { services };
    // The engine keeps the services object it is given: each one calls the current step's.
    const delegating = Object.fromEntries(
      Object.keys(services).map((name) => [name, (...args: unknown[]) => this.current.services[name]?.(...args)]),
    );
    this.engine = new Engine({
      name: model.key,
      sourceContext: model.sourceContext as never,
      services: delegating,
      timers: timers as never,
      expressions: safeExpressions as never,
      scripts: noScripts as never,
      variables: {},
      settings: { enableDummyService: false },
      Logger: quietLogger as never,
      extensions: { stepBudget: budgetExtension(() => this.budget) } as never,
    });
    this.listen();
  }

  get isCompleted(): boolean {
    return this.completed;
  }

  /** Whether one of its timers fell due by `now`: a recovered engine would fire it at resume. */
  hasTimerDueBy(now: Date): boolean {
    return !this.completed && this.pending().some((t) => t.expireAt.getTime() <= now.getTime());
  }

  private listen(): void {
    const { listener, model, waiting, parents } = this;
    listener.on('activity.wait', (api: EventApi) => {
      if (!model.userTasks.has(api.id)) return;
      const multi = typeof api.content?.index === 'number' && api.content.isMultiInstance === true;
      waiting.set(api.executionId, { activityId: api.id, executionId: api.executionId, index: multi ? (api.content?.index ?? 0) : null });
      const parent = api.content?.parent?.executionId;
      if (multi && parent) parents.set(api.executionId, parent);
    });
    const leave = (api: EventApi): void => {
      waiting.delete(api.executionId);
      for (const [child, parent] of parents) if (parent === api.executionId) waiting.delete(child);
    };
    listener.on('activity.end', (api: EventApi) => {
      leave(api);
      if (model.endStatuses.has(api.id)) this.step.endEvents.push(api.id);
      const flag = model.flagEvents.get(api.id);
      if (flag) this.step.flags.push(flag);
    });
    listener.on('activity.leave', leave);
    listener.on('activity.discard', leave);
    listener.on('activity.timeout', (api: EventApi) => this.step.firedTimers.push(api.id));
    this.engine.on('end', () => {
      this.completed = true;
    });
    this.engine.on('error', (err: unknown) => {
      this.failure = err;
    });
  }

  /** Runs one step; after a thrown error the instance must be dropped. */
  async run(services: Record<string, ServiceFn>, signal?: Signal): Promise<StepOutcome> {
    this.current.services = services;
    this.step = { endEvents: [], firedTimers: [], flags: [] };
    this.budget = new StepBudget(this.limits, this.stopwatch);
    try {
      return await this.runWithin(signal);
    } catch (err) {
      throw this.budget.failure ?? asDomainError(err, this.model.key);
    }
  }

  private async runWithin(signal?: Signal): Promise<StepOutcome> {
    if (!this.execution) {
      this.execution = this.state
        ? await this.engine.recover(structuredClone(this.state) as never).resume({ listener: this.listener })
        : await this.engine.execute({ listener: this.listener });
    }
    if (signal && !this.failure) {
      const target = this.waiting.get(signal.executionId);
      if (!target || target.activityId !== signal.activityId) {
        // the process moved on first (a timer that fell due fired at resume): a race, not a bug
        throw new ConflictError('TASK_NOT_WAITING', '该任务已不在流程中等待：流程已继续（有定时器到期）；请刷新工单', {
          activityId: signal.activityId,
        });
      }
      this.waiting.delete(signal.executionId);
      this.execution.signal({ id: signal.activityId, executionId: signal.executionId, ...signal.message });
    }
    // bpmn-engine runs to the next wait state synchronously (smqp delivers at once, timers are
    // recorded, not set), so the outcome is complete here. Waiting a turn of the event loop
    // (setImmediate), as this once did, only kept each engine alive for longer.
    if (this.budget.failure) throw this.budget.failure;
    if (this.failure) throw asDomainError(this.failure, this.model.key);
    const finalState = stripSource(await this.execution.getState());
    return {
      state: finalState,
      completed: this.completed,
      waiting: this.completed ? [] : [...this.waiting.values()],
      timers: this.completed ? [] : this.pending(),
      ...this.step,
    };
  }
}

/** One step on a fresh engine: recover (or start), signal, report. */
export async function runStep(
  model: ProcessModel,
  state: unknown | null,
  services: Record<string, ServiceFn>,
  signal?: Signal,
  limits?: StepLimits,
): Promise<StepOutcome> {
  return new LiveInstance(model, state, services, limits).run(services, signal);
}

function asDomainError(err: unknown, key: string): DomainError {
  const inner = (err as { inner?: unknown; source?: unknown }).inner;
  if (inner instanceof DomainError) return inner;
  if (err instanceof DomainError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new UnexpectedError('PROCESS_FAILED', `process ${key} failed: ${message}`, {}, { cause: err });
}
