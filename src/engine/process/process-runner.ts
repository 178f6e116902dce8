import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import * as Elements from 'bpmn-elements';
import { DomainError, UnexpectedError } from '../../shared/errors';
import { ProcessModel } from './bpmn-model';
import { safeExpressions } from './safe-expressions';

/**
 * Runs one step of one process instance with a fresh bpmn-engine: start or recover, resume,
 * optionally signal a waiting user task, run to the next wait state, and report what is
 * waiting and which timers are pending. The engine is dropped afterwards.
 *
 * Timers never run in-process: the Timers object records them and the caller persists each
 * as a durable job. When the job is due, a new step recovers the instance and bpmn-engine fires
 * the past-due timer at resume.
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

export async function runStep(
  model: ProcessModel,
  state: unknown | null,
  services: Record<string, ServiceFn>,
  signal?: Signal,
): Promise<StepOutcome> {
  const { timers, pending } = recordingTimers();
  const engine = new Engine({
    name: model.key,
    sourceContext: model.sourceContext as never,
    services,
    timers: timers as never,
    expressions: safeExpressions as never,
    scripts: noScripts as never,
    variables: {},
    settings: { enableDummyService: false },
  });
  const waiting = new Map<string, WaitingTask>();
  const endEvents: string[] = [];
  const firedTimers: string[] = [];
  const flags: string[] = [];
  let completed = false;
  let failure: unknown = null;
  const listener = new EventEmitter();
  // Iterations of a multi-instance task announce their wait but not their end: they end when
  // signalled, or with their parent activity.
  const parents = new Map<string, string>();
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
    if (model.endStatuses.has(api.id)) endEvents.push(api.id);
    const flag = model.flagEvents.get(api.id);
    if (flag) flags.push(flag);
  });
  listener.on('activity.leave', leave);
  listener.on('activity.discard', leave);
  listener.on('activity.timeout', (api: EventApi) => firedTimers.push(api.id));
  engine.once('end', () => {
    completed = true;
  });
  engine.once('error', (err: unknown) => {
    failure = err;
  });

  const execution = state
    ? await engine.recover(structuredClone(state) as never).resume({ listener })
    : await engine.execute({ listener });
  if (signal && !failure) {
    const target = waiting.get(signal.executionId);
    if (!target || target.activityId !== signal.activityId) {
      throw new UnexpectedError('TASK_NOT_WAITING', `task ${signal.activityId} (${signal.executionId}) is not waiting in the process`);
    }
    waiting.delete(signal.executionId);
    execution.signal({ id: signal.activityId, executionId: signal.executionId, ...signal.message });
  }
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (failure) throw asDomainError(failure, model.key);
  const finalState = stripSource(await execution.getState());
  return {
    state: finalState,
    completed,
    waiting: completed ? [] : [...waiting.values()],
    timers: completed ? [] : pending(),
    endEvents,
    firedTimers,
    flags,
  };
}

function asDomainError(err: unknown, key: string): DomainError {
  const inner = (err as { inner?: unknown; source?: unknown }).inner;
  if (inner instanceof DomainError) return inner;
  if (err instanceof DomainError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new UnexpectedError('PROCESS_FAILED', `process ${key} failed: ${message}`);
}
