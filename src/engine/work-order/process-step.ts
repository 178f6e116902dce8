import { randomUUID } from 'node:crypto';
import { parseDuration } from '../calendar/business-calendar';
import type { ProcessModel, UserTaskSpec } from '../process/bpmn-model';
import { LiveInstance, Signal, StepOutcome } from '../process/process-runner';
import type { StepLimits } from '../process/step-budget';
import type { JobQueue, OrderStatus, ProcessInstance, Repositories, ScheduledJob, Task } from '../ports';
import { StepContext } from './step-context';
import { deadlineJobsForOrder, deadlineJobsForTask, taskDeadlineKeys, TIMER_JOB } from './job-keys';
import { ownValue } from '../../shared/own-key';

/**
 * One step, inside the caller's transaction, on an instance the caller has locked:
 * run the engine, then write everything that changed — state, inbox rows, timer and deadline
 * jobs, the order's status and deadlines, and the audit events.
 */
export interface StepResult {
  outcome: StepOutcome;
  /**
   * The live engine after the step and the row version it was saved at (for the engine cache);
   * null for a fresh instance, whose engine is let go as soon as it has run.
   */
  live: LiveInstance | null;
  rowVersion: number;
  /** The order's open tasks after the step (at intake: all its tasks). */
  open: Task[];
}

/**
 * The step's job writes with every `schedule` held back and sent as one multi-row upsert at the
 * end of the step, so the same outcome costs one round trip instead of one per call. Exactly the
 * outcome of the calls one by one: a later schedule of a key replaces an earlier one (as the
 * upsert would), a cancel drops a held-back schedule of its keys and deletes in the database at
 * once, and pendingKeys counts the held-back keys as pending.
 */
class StepJobs implements JobQueue {
  private readonly held = new Map<string, ScheduledJob>();

  constructor(private readonly inner: JobQueue) {}

  schedule(jobs: ScheduledJob[]): Promise<void> {
    for (const job of jobs) {
      this.held.delete(job.key);
      this.held.set(job.key, job);
    }
    return Promise.resolve();
  }

  async cancel(keys: string[]): Promise<void> {
    for (const key of keys) this.held.delete(key);
    await this.inner.cancel(keys);
  }

  async pendingKeys(prefix: string): Promise<string[]> {
    const keys = new Set(await this.inner.pendingKeys(prefix));
    for (const key of this.held.keys()) if (key.startsWith(prefix)) keys.add(key);
    return [...keys];
  }

  async flush(): Promise<void> {
    const jobs = [...this.held.values()];
    this.held.clear();
    if (jobs.length > 0) await this.inner.schedule(jobs);
  }
}

export interface StepOptions {
  /** The user task to signal, if any. */
  signal?: Signal;
  /** The instance's live engine from the engine cache, at the row version just locked. */
  cached?: LiveInstance | null;
  /**
   * The instance row does not exist yet (intake): it is inserted once with the state the step
   * ends in, instead of inserted empty and updated.
   */
  fresh?: boolean;
  /** The step budget of a new engine (a cached one keeps the one it was made with). */
  limits?: StepLimits;
}

export async function executeStep(
  allRepos: Repositories,
  ctx: StepContext,
  instance: ProcessInstance,
  model: ProcessModel,
  { signal, cached, fresh = false, limits }: StepOptions = {},
): Promise<StepResult> {
  const services = ctx.services();
  const live = cached ?? new LiveInstance(model, instance.state, services, limits);
  const outcome = await live.run(services, signal);
  // A fresh instance's engine is not kept (see WorkOrderService.intakeWithTasks): unreferenced
  // now, it dies young instead of outliving the step's writes in the garbage collector's eyes.
  return writeStep(allRepos, ctx, instance, model, outcome, fresh ? null : live, fresh);
}

/**
 * The step of a BPMN timer's job: recover the instance (bpmn-engine fires past-due timers at
 * resume) and write it only if the job's timer fired. A job whose timer no longer waits (its
 * task completed, the order moved on, the timer was set anew for another time that is not due)
 * does nothing: null, and nothing is written.
 */
export async function executeTimerStep(
  repos: Repositories,
  ctx: StepContext,
  instance: ProcessInstance,
  model: ProcessModel,
  activityId: string,
  limits?: StepLimits,
): Promise<StepResult | null> {
  const services = ctx.services();
  const live = new LiveInstance(model, instance.state, services, limits);
  const outcome = await live.run(services);
  if (!outcome.firedTimers.includes(activityId)) return null;
  return writeStep(repos, ctx, instance, model, outcome, live, false);
}

/** Writes everything a step changed, from its outcome. */
async function writeStep(
  allRepos: Repositories,
  ctx: StepContext,
  instance: ProcessInstance,
  model: ProcessModel,
  outcome: StepOutcome,
  live: LiveInstance | null,
  fresh: boolean,
): Promise<StepResult> {
  const jobs = new StepJobs(allRepos.jobs);
  const repos: Repositories = { ...allRepos, jobs };
  for (const id of outcome.firedTimers) ctx.record('timer.fired', { activityId: id }, 'system');
  for (const flag of outcome.flags) {
    if (!ctx.order.flags.includes(flag)) ctx.order.flags.push(flag);
    ctx.record('flag.raised', { flag, leadUnit: ctx.order.leadUnit }, 'system');
  }
  const status = outcome.completed ? 'completed' : 'running';
  const inserted = fresh ? await repos.instances.insert({ ...instance, state: outcome.state, status }, ctx.now) : null;
  const open = await syncTasks(repos, ctx, instance, model, outcome);
  await syncTimers(repos, instance, ctx, outcome, fresh);
  updateOrderStatus(ctx, model, outcome, open);
  await syncOrderDeadline(repos, ctx);
  await jobs.flush();
  const saved = inserted ?? (await repos.instances.save({ ...instance, state: outcome.state, status }, ctx.now));
  ctx.order.updatedAt = ctx.now;
  await repos.orders.update(ctx.order);
  await writeDecisions(repos, ctx);
  await repos.audit.append(ctx.events);
  return { outcome, live, rowVersion: saved.rowVersion, open };
}

function candidateUnit(ctx: StepContext, spec: UserTaskSpec, index: number | null): string {
  const { order, policy } = ctx;
  if (spec.unit === 'centre') return policy.centre;
  if (spec.unit === 'lead') return order.leadUnit ?? policy.centre;
  if (spec.unit === 'co') return order.coUnits[index ?? 0] ?? order.leadUnit ?? policy.centre;
  return spec.unit;
}

function taskDue(ctx: StepContext, spec: UserTaskSpec): Date | null {
  if (!spec.due) return null;
  if (spec.due === 'order') return ctx.order.dueAt;
  return ctx.loaded.calendar.deadline(ctx.now, parseDuration(spec.due)).at;
}

async function syncTasks(
  repos: Repositories,
  ctx: StepContext,
  instance: ProcessInstance,
  model: ProcessModel,
  outcome: StepOutcome,
): Promise<Task[]> {
  const waiting = new Map(outcome.waiting.map((w) => [w.executionId, w]));
  const existing = ctx.history ? ctx.history.filter((t) => t.status === 'open') : await repos.tasks.findOpenByOrder(ctx.order.id);
  const open: Task[] = [];
  for (const task of existing) {
    if (waiting.has(task.executionId)) {
      open.push(await followOrderDue(repos, ctx, model, task));
      waiting.delete(task.executionId);
      continue;
    }
    await repos.tasks.update({ ...task, status: 'cancelled', completedAt: ctx.now, completedBy: 'system' });
    await repos.jobs.cancel(taskDeadlineKeys(task.id));
    ctx.record('task.cancelled', { taskId: task.id, activityId: task.activityId, name: task.name }, 'system');
  }
  for (const w of waiting.values()) {
    const spec = model.userTasks.get(w.activityId);
    if (!spec) continue;
    const task = newTask(ctx, instance, spec, w.executionId, w.index);
    await repos.tasks.insert(task);
    await repos.jobs.schedule(deadlineJobsForTask(task, ctx.policy.deadlines?.warnBefore, ctx.now));
    ctx.record('task.created', { taskId: task.id, activityId: task.activityId, name: task.name, unit: task.candidateUnit, dueAt: task.dueAt }, 'system');
    open.push(task);
  }
  return open;
}

/**
 * An open task due with the order (`minhu:due="order"`) follows the order's deadline when it
 * changes (an approved extension, a deadline set by the centre): new due date, marks cleared,
 * deadline jobs rescheduled.
 */
async function followOrderDue(repos: Repositories, ctx: StepContext, model: ProcessModel, task: Task): Promise<Task> {
  const due = ctx.order.dueAt;
  if (!ctx.dueChanged || model.userTasks.get(task.activityId)?.due !== 'order' || !due || task.dueAt?.getTime() === due.getTime()) return task;
  const moved: Task = { ...task, dueAt: due, flags: task.flags.filter((f) => f !== 'overdue' && f !== 'due-soon') };
  await repos.tasks.update(moved);
  await repos.jobs.cancel(taskDeadlineKeys(task.id));
  await repos.jobs.schedule(deadlineJobsForTask(moved, ctx.policy.deadlines?.warnBefore, ctx.now));
  ctx.record('task.due-changed', { taskId: task.id, name: task.name, from: task.dueAt?.toISOString() ?? null, to: due.toISOString() }, 'system');
  return moved;
}

function newTask(ctx: StepContext, instance: ProcessInstance, spec: UserTaskSpec, executionId: string, index: number | null): Task {
  const policyTask = ownValue(ctx.policy.tasks, spec.form);
  return {
    id: randomUUID(),
    orderId: ctx.order.id,
    instanceId: instance.id,
    city: ctx.order.city,
    executionId,
    activityId: spec.id,
    formKey: spec.form,
    name: policyTask?.name ?? spec.name,
    candidateUnit: candidateUnit(ctx, spec, index),
    candidateRoles: [...(policyTask?.roles ?? [])],
    assignee: null,
    createdAt: ctx.now,
    dueAt: taskDue(ctx, spec),
    status: 'open',
    completedBy: null,
    completedAt: null,
    outcome: null,
    formData: null,
    flags: [],
  };
}

/** `fresh`: the instance was created in this step, so none of its timers can be pending yet. */
async function syncTimers(repos: Repositories, instance: ProcessInstance, ctx: StepContext, outcome: StepOutcome, fresh: boolean): Promise<void> {
  const prefix = `timer:${instance.id}:`;
  const wanted: ScheduledJob[] = outcome.timers.map((t) => ({
    key: `${prefix}${t.activityId}:${t.expireAt.toISOString()}`,
    name: TIMER_JOB,
    runAt: t.expireAt,
    data: { orderId: ctx.order.id, activityId: t.activityId, expireAt: t.expireAt.toISOString() },
  }));
  const existing = new Set(fresh ? [] : await repos.jobs.pendingKeys(prefix));
  const wantedKeys = new Set(wanted.map((j) => j.key));
  await repos.jobs.cancel([...existing].filter((k) => !wantedKeys.has(k)));
  await repos.jobs.schedule(wanted.filter((j) => !existing.has(j.key)));
  for (const job of wanted.filter((j) => !existing.has(j.key))) {
    ctx.record('timer.scheduled', { activityId: job.data.activityId, at: job.data.expireAt }, 'system');
  }
}

function updateOrderStatus(ctx: StepContext, model: ProcessModel, outcome: StepOutcome, open: Task[]): void {
  const order = ctx.order;
  const before = order.status;
  if (outcome.completed) {
    const end = outcome.endEvents[outcome.endEvents.length - 1];
    order.status = ((end && model.endStatuses.get(end)) ?? 'closed') as OrderStatus;
    order.closedAt = ctx.now;
  } else {
    const newest = [...open].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    const status = newest.map((t) => ownValue(ctx.policy.tasks, t.formKey)?.orderStatus).find((s) => s !== undefined);
    if (status) order.status = status as OrderStatus;
  }
  if (order.status !== before) ctx.record('order.status', { from: before, to: order.status }, 'system');
}

async function syncOrderDeadline(repos: Repositories, ctx: StepContext): Promise<void> {
  const { order } = ctx;
  const closed = order.closedAt !== null;
  if (closed) {
    await repos.jobs.cancel(deadlineJobsForOrder(order).map((j) => j.key));
    return;
  }
  if (ctx.dueChanged) {
    order.flags = order.flags.filter((f) => f !== 'overdue');
    await repos.jobs.schedule(deadlineJobsForOrder(order));
  }
}

/** Precedents and caller blocks asked for by the outcome's effects. */
async function writeDecisions(repos: Repositories, ctx: StepContext): Promise<void> {
  const { order } = ctx;
  for (const p of ctx.precedents) {
    await repos.precedents.upsert({ city: order.city, topic: p.topic, unit: p.unit, orderId: order.id, setBy: ctx.actor.id, setAt: ctx.now });
    ctx.record('precedent.set', { topic: p.topic, unit: p.unit });
  }
  for (const b of ctx.blocks) {
    const reason = `工单 ${order.number}`;
    await repos.blocks.insert({ city: order.city, phone: b.phone, reason, orderId: order.id, blockedBy: ctx.actor.id, blockedAt: ctx.now, until: b.until });
    ctx.record('caller.blocked', { until: b.until.toISOString() });
  }
}
