import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { ConflictError, NotFoundError, UnexpectedError, ValidationError } from '../../shared/errors';
import type { CityCatalog } from '../city/city-catalog';
import type { ProcessInstance, Repositories, StoredAuditEvent, Task, UnitOfWork, WorkOrder } from '../ports';
import { Actor, systemActor } from './actor';
import { authorizeTask } from './authorize-task';
import { fieldsFor, validateForm } from './form-validation';
import { attachedFiles } from '../attachments/attached-files';
import { checkGuards } from './guards';
import { authorizeIntake, checkIntakeAgainstPolicy, orderDeadline, parseIntake, route } from './intake';
import { intakeFacts } from './intake-facts';
import { CatalogSync } from '../city/catalog-sync';
import { EngineCache } from '../process/engine-cache';
import { DEFAULT_STEP_LIMITS, StepLimits } from '../process/step-budget';
import { executeStep, executeTimerStep, StepResult } from './process-step';
import { StepContext } from './step-context';
import { ownValue } from '../../shared/own-key';
import { chineseDateTimeText } from '../../shared/local-time';

function intakeRecord(input: ReturnType<typeof parseIntake>): Record<string, unknown> {
  const record: Record<string, unknown> = { mode: input.mode };
  if (input.answer) record.answer = input.answer;
  if (input.knowledgeId) record.knowledgeId = input.knowledgeId;
  if (input.reason) record.reason = input.reason;
  if (input.transferTo) record.transferTo = input.transferTo;
  return record;
}

export interface CompleteTaskInput {
  outcome: string;
  data?: Record<string, unknown>;
}

/**
 * The commands of a work order, each one step in one transaction: record an order,
 * complete a task, let a timer fire. Reads go straight to the stores.
 */
export class WorkOrderService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly catalog: CityCatalog,
    private readonly clock: Clock,
    private readonly engines: EngineCache = new EngineCache(0),
    private readonly limits: StepLimits = DEFAULT_STEP_LIMITS,
  ) {
    this.sync = new CatalogSync(catalog, clock);
  }

  private readonly sync: CatalogSync;

  /** Runs a step's transaction; after it committed, keeps the instance's live engine for its next step. */
  private async committed<T>(fn: (repos: Repositories, keep: (instanceId: string, r: StepResult) => void) => Promise<T>): Promise<T> {
    let kept: { instanceId: string; result: StepResult } | null = null;
    const value = await this.uow.run((repos) => fn(repos, (instanceId, result) => (kept = { instanceId, result })));
    const k = kept as { instanceId: string; result: StepResult } | null;
    if (k?.result.live) this.engines.put(k.instanceId, k.result.rowVersion, k.result.live);
    return value;
  }

  /**
   * `within`: more writes in the intake's own transaction once the order exists (its idempotency key).
   * `gatewayData`: keys of `data` only the Open311 gateway sets (RESERVED_DATA_KEYS: a payload may not).
   */
  async intake(
    actor: Actor,
    payload: unknown,
    within?: (repos: Repositories, order: WorkOrder) => Promise<void>,
    gatewayData?: Record<string, unknown>,
  ): Promise<WorkOrder> {
    return (await this.intakeWithTasks(actor, payload, within, gatewayData)).order;
  }

  /** As `intake`, with the tasks the new order has once its first step committed (what a re-read would find). */
  async intakeWithTasks(
    actor: Actor,
    payload: unknown,
    within?: (repos: Repositories, order: WorkOrder) => Promise<void>,
    gatewayData?: Record<string, unknown>,
  ): Promise<{ order: WorkOrder; tasks: Task[] }> {
    const input = parseIntake(payload);
    authorizeIntake(actor, input.city, gatewayData !== undefined);
    checkIntakeAgainstPolicy(this.catalog.policy(input.city).policy, input);
    const now = this.clock.now();
    // Outside the transaction: what the database knows of the caller (a barred caller is refused
    // before a number is drawn), then the number, each statement on its own (see drawNumber).
    const { loaded, facts, number } = await this.uow.read(async (repos) => {
      await this.sync.latest(repos, input.city);
      const latest = this.catalog.policy(input.city);
      checkIntakeAgainstPolicy(latest.policy, input);
      const known = await intakeFacts(repos, latest.policy, input, now);
      return { loaded: latest, facts: known, number: await repos.orders.drawNumber(input.city, now, latest.policy.numberPrefix) };
    });
    return this.uow.run(async (repos) => {
      const { version, model } = this.catalog.latestModel(input.city);
      const due = orderDeadline(loaded, input, now);
      const units = facts.precedent ? { leadUnit: facts.precedent, coUnits: input.coUnits ?? [] } : route(loaded.policy, input);
      const flags = [...(due?.provisional ? ['provisional-deadline'] : []), ...(facts.precedent ? ['precedent'] : []), ...(facts.repeatOf ? ['repeat'] : [])];
      const order = await repos.orders.insert(
        {
          id: randomUUID(),
          city: input.city,
          category: input.category,
          channel: input.channel,
          topic: input.topic ?? null,
          content: input.content,
          requester: { name: input.requester.name, phone: input.requester.phone },
          location: input.location ?? {},
          status: 'received',
          leadUnit: units.leadUnit,
          coUnits: units.coUnits,
          dueAt: due?.at ?? null,
          dueProvisional: due?.provisional ?? false,
          flags,
          data: { ...(input.data ?? {}), ...(gatewayData ?? {}), intake: intakeRecord(input), ...(facts.repeatOf ? { repeatOf: facts.repeatOf } : {}) },
          processKey: model.key,
          processVersion: version,
          policyVersion: loaded.version,
          createdAt: now,
        },
        number,
      );
      if (within) await within(repos, order);
      // inserted by the step itself, once, with the state the step ends in
      const instance: ProcessInstance = {
        id: randomUUID(),
        orderId: order.id,
        processKey: model.key,
        processVersion: version,
        status: 'running',
        state: null,
        rowVersion: 0,
        createdAt: now,
        updatedAt: now,
      };
      const ctx = new StepContext(order, loaded, now, actor);
      ctx.history = [];
      ctx.dueChanged = true;
      ctx.record('order.created', { number: order.number, process: `${model.key}@${version}`, policy: loaded.version, leadUnit: order.leadUnit });
      for (const warning of due?.warnings ?? []) ctx.record('deadline.provisional', { warning }, 'system');
      // Its live engine is not kept: a new order's next step is a unit's, minutes or hours away,
      // and keeping every new order's engine alive pushed each into the old generation (the
      // API process grew to 1.4–2.8 GB in the intake benchmark instead of 0.7 GB).
      const step = await executeStep(repos, ctx, instance, model, { fresh: true, limits: this.limits });
      return { order, tasks: step.open };
    });
  }

  async completeTask(actor: Actor, taskId: string, input: CompleteTaskInput): Promise<Task> {
    const now = this.clock.now();
    return this.committed(async (repos, keep) => {
      const { task, order, instance, history } = await this.lockTask(repos, taskId);
      await this.sync.pinned(repos, order);
      const loaded = this.catalog.policy(order.city, order.policyVersion);
      const taskPolicy = ownValue(loaded.policy.tasks, task.formKey);
      if (!taskPolicy) throw new UnexpectedError('TASK_POLICY_MISSING', `policy ${order.city}@${loaded.version} has no task ${task.formKey}`);
      const outcomePolicy = ownValue(taskPolicy.outcomes, input.outcome);
      authorizeTask(actor, task, order, outcomePolicy?.roles);
      if (!outcomePolicy) {
        const allowed = Object.keys(taskPolicy.outcomes).join(', ');
        throw new ValidationError('OUTCOME_UNKNOWN', `${task.name} has no outcome "${input.outcome}"; expected one of ${allowed}`, [
          { path: 'outcome', message: `expected one of ${allowed}, got "${input.outcome}"` },
        ]);
      }
      validateForm(loaded.policy, taskPolicy, input.outcome, input.data ?? {}, actor.unit, now);
      const data = await attachedFiles(repos, fieldsFor(taskPolicy, input.outcome), input.data ?? {}, order, actor);
      checkGuards(outcomePolicy.guards ?? [], { order, task, outcome: input.outcome, history, now, calendar: loaded.calendar, policy: loaded.policy });
      const ctx = new StepContext(order, loaded, now, actor);
      ctx.lastOutcome = input.outcome;
      ctx.history = history.map((t) => (t.id === task.id ? { ...t, status: 'completed', outcome: input.outcome, completedAt: now } : t));
      ctx.applyEffects(outcomePolicy.effects ?? [], data);
      const completed: Task = { ...task, status: 'completed', completedBy: actor.id, completedAt: now, outcome: input.outcome, formData: data };
      await repos.tasks.update(completed);
      await repos.jobs.cancel([`deadline:task:${task.id}:warning`, `deadline:task:${task.id}:overdue`]);
      ctx.record('task.completed', { taskId: task.id, activityId: task.activityId, name: task.name, outcome: input.outcome, data });
      const model = this.catalog.model(instance.processKey, instance.processVersion);
      const signal = { activityId: task.activityId, executionId: task.executionId, message: { outcome: input.outcome, data } };
      keep(instance.id, await executeStep(repos, ctx, instance, model, { signal, cached: this.engines.take(instance.id, instance.rowVersion, now), limits: this.limits }));
      return completed;
    });
  }

  /**
   * A BPMN timer's job is due: recover the instance; bpmn-engine fires past-due timers at resume.
   * A job whose timer no longer waits (its task completed meanwhile) changes nothing.
   */
  async fireTimer(orderId: string, activityId: string): Promise<void> {
    const now = this.clock.now();
    await this.committed(async (repos, keep) => {
      const instance = await repos.instances.lockByOrderId(orderId);
      if (!instance || instance.status !== 'running') return;
      this.engines.take(instance.id, instance.rowVersion, now); // dropped: a timer fires at resume, so recover afresh
      const order = await this.mustFindOrder(repos, orderId);
      if (order.flags.includes('merged')) return; // merged into another order (并单): its process waits until the merge is undone
      await this.sync.pinned(repos, order);
      const loaded = this.catalog.policy(order.city, order.policyVersion);
      const ctx = new StepContext(order, loaded, now, systemActor(order.city, loaded.policy.centre));
      ctx.history = await repos.tasks.findByOrder(order.id);
      const model = this.catalog.model(instance.processKey, instance.processVersion);
      ctx.record('timer.due', { activityId });
      const step = await executeTimerStep(repos, ctx, instance, model, activityId, this.limits);
      if (step) keep(instance.id, step);
    });
  }

  async getOrder(orderId: string): Promise<WorkOrder> {
    return this.uow.run(async (repos) => this.mustFindOrder(repos, orderId));
  }

  async tasksOf(orderId: string): Promise<Task[]> {
    return this.uow.run(async (repos) => repos.tasks.findByOrder(orderId));
  }

  async auditOf(orderId: string): Promise<StoredAuditEvent[]> {
    return this.uow.run(async (repos) => repos.audit.findByOrder(orderId));
  }

  private async mustFindOrder(repos: Repositories, orderId: string): Promise<WorkOrder> {
    const order = await repos.orders.findById(orderId);
    if (!order) throw new NotFoundError('ORDER_NOT_FOUND', `no order ${orderId}`, { orderId });
    return order;
  }

  /**
   * Locks the order's instance first, so two actions on one order run one after the other;
   * then reads the order and all its tasks (the one acted on among them).
   */
  private async lockTask(
    repos: Repositories,
    taskId: string,
  ): Promise<{ task: Task; order: WorkOrder; instance: ProcessInstance; history: Task[] }> {
    const instance = await repos.instances.lockByTaskId(taskId);
    if (!instance) throw new NotFoundError('TASK_NOT_FOUND', `no task ${taskId}`, { taskId });
    const history = await repos.tasks.findByOrder(instance.orderId);
    const task = history.find((t) => t.id === taskId);
    if (!task) throw new NotFoundError('TASK_NOT_FOUND', `no task ${taskId}`, { taskId });
    const order = await this.mustFindOrder(repos, task.orderId);
    if (task.status !== 'open') {
      const at = task.completedAt ? `于${chineseDateTimeText(task.completedAt, this.catalog.policy(order.city).policy.timezone)}` : '';
      const state = task.status === 'completed' ? `已${at}办理完毕` : '已不再待办';
      throw new ConflictError('TASK_NOT_OPEN', `「${task.name}」${state}，不能再办理；请刷新工单`, {
        taskId,
        status: task.status,
        completedBy: task.completedBy,
      });
    }
    return { task, order, instance, history };
  }
}
