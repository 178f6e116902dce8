import type { LoadedPolicy } from '../city/city-catalog';
import type { FieldDef, Policy, TaskPolicy } from '../policy/policy.schema';
import type { Task, WorkOrder } from '../ports';
import { ForbiddenError } from '../../shared/errors';
import { ownValue } from '../../shared/own-key';
import { redactValue } from '../../shared/redact-text';
import type { Actor } from '../work-order/actor';
import { authorizeTask } from '../work-order/authorize-task';
import { refusingGuard } from '../work-order/guards';
import { route } from '../work-order/intake';

/** One filled-in field of an earlier step, under its form label (phone numbers masked). */
export interface ShownField {
  name: string;
  label: string;
  type: FieldDef['type'];
  value: unknown;
}

/** An earlier completed task of the order, with what was submitted. */
export interface ShownStep {
  taskId: string;
  formKey: string;
  taskName: string;
  unit: string;
  outcome: string;
  outcomeLabel: string;
  completedBy: string | null;
  completedAt: Date | null;
  /** Done by the unit's own handling (a handler's task), not a review or approval. */
  byUnit: boolean;
  fields: ShownField[];
}

/** What approving an extension would do to the order's deadline (the city's calendar). */
export interface ExtensionPreview {
  amount: number;
  unit: 'workingDays' | 'naturalDays' | 'hours';
  dueAt: Date | null;
  dueIfApproved: Date;
  provisional: boolean;
}

/** A unit the order might be reassigned to, and why it is suggested. */
export interface ReassignHint {
  unit: string;
  source: 'requested' | 'precedent' | 'routing';
  /** The unit that has the order now (the table points back at the unit that returned it). */
  current: boolean;
}

/** What a task page shows besides the form: the thing to review, what may be done, and why not. */
export interface TaskContextView {
  /** The completed tasks that led to this one, oldest first (the reply, the extension request…). */
  steps: ShownStep[];
  /** Earlier completions of this same task on the order, oldest first (the calls so far). */
  earlier: ShownStep[];
  extension: ExtensionPreview | null;
  reassign: ReassignHint[];
  /** Outcomes the actor may take (role, unit, claim). */
  actable: string[];
  /** Why the actor may take none, when so: the ForbiddenError code. */
  blocked: string | null;
  /**
   * Outcomes a guard refuses now, with the refusal in words (the policy's message and why);
   * `lasting` when the guard looks at what the order is (its category, its channel), which no
   * later step changes: such an action never applies to this order.
   */
  refused: Array<{ key: string; message: string; lasting: boolean }>;
}

const MAX_CHAIN = 12;

/** Guards on facts of the order no step changes. */
const LASTING = new Set(['categoryIn', 'channelIn']);

/** A step is the unit's own handling when a handler may do it: the chain of reviews stops there. */
const isHandling = (t: Task): boolean => t.candidateRoles.includes('handler');

/** Where each task's creation and completion fall in the order's audit trail (one step may do both at one instant). */
export interface TaskSequence {
  created: Map<string, number>;
  completed: Map<string, number>;
}

/** The positions of `task.created` and `task.completed` in the order's audit events (oldest first). */
export function taskSequence(events: Array<{ type: string; data: Record<string, unknown> }>): TaskSequence {
  const seq: TaskSequence = { created: new Map(), completed: new Map() };
  events.forEach((e, i) => {
    const id = typeof e.data.taskId === 'string' ? e.data.taskId : null;
    if (id && e.type === 'task.created') seq.created.set(id, i);
    if (id && e.type === 'task.completed') seq.completed.set(id, i);
  });
  return seq;
}

/** The task completed last before `t` was created: by the audit trail, else by time. */
function predecessor(t: Task, done: Task[], seq: TaskSequence): Task | null {
  const created = seq.created.get(t.id);
  if (created !== undefined) {
    const before = done
      .filter((d) => (seq.completed.get(d.id) ?? Infinity) < created)
      .sort((a, b) => (seq.completed.get(b.id) as number) - (seq.completed.get(a.id) as number));
    if (before.length) return before[0] ?? null;
  }
  const at = t.createdAt.getTime();
  return done.filter((d) => (d.completedAt as Date).getTime() <= at).sort((a, b) => (b.completedAt as Date).getTime() - (a.completedAt as Date).getTime())[0] ?? null;
}

/**
 * The completed tasks that led to `task`: the one completed just before it was created, then
 * that one's predecessor, and so on back to the unit's handling step (the reply, the request) —
 * which is what a review, an approval or a visit is about.
 */
export function leadingTasks(task: Task, history: Task[], seq: TaskSequence): Task[] {
  const done = history.filter((t) => t.status === 'completed' && t.completedAt && t.id !== task.id);
  const out: Task[] = [];
  let at: Task = task;
  for (let i = 0; i < MAX_CHAIN; i++) {
    const prev = predecessor(at, done.filter((t) => !out.includes(t)), seq);
    if (!prev) break;
    out.push(prev);
    if (isHandling(prev)) break;
    at = prev;
  }
  return out.reverse();
}

function fieldsOf(policy: Policy, formKey: string, outcome: string): FieldDef[] {
  const tp = ownValue(policy.tasks, formKey);
  return [...(tp?.fields ?? []), ...(ownValue(tp?.outcomes, outcome)?.fields ?? [])];
}

export function shownStep(policy: Policy, t: Task): ShownStep {
  const data = (redactValue(t.formData ?? {}) ?? {}) as Record<string, unknown>;
  const outcome = t.outcome ?? '';
  return {
    taskId: t.id,
    formKey: t.formKey,
    taskName: t.name,
    unit: t.candidateUnit,
    outcome,
    outcomeLabel: ownValue(ownValue(policy.tasks, t.formKey)?.outcomes, outcome)?.label ?? '',
    completedBy: t.completedBy,
    completedAt: t.completedAt,
    byUnit: isHandling(t),
    fields: fieldsOf(policy, t.formKey, outcome)
      .filter((f) => data[f.name] !== undefined && data[f.name] !== null && data[f.name] !== '')
      .map((f) => ({ name: f.name, label: f.label, type: f.type, value: data[f.name] })),
  };
}

function extensionPreview(loaded: LoadedPolicy, taskPolicy: TaskPolicy, order: WorkOrder, steps: ShownStep[], now: Date): ExtensionPreview | null {
  const effect = Object.values(taskPolicy.outcomes)
    .flatMap((o) => o.effects)
    .find((e): e is Extract<typeof e, { extendOrderDue: unknown }> => 'extendOrderDue' in e);
  if (!effect) return null;
  const { field, unit } = effect.extendOrderDue;
  const fields = [...steps].reverse().flatMap((s) => s.fields);
  const asked = fields.find((f) => f.name === field && f.type === 'number') ?? fields.find((f) => f.type === 'number');
  const amount = Number(asked?.value);
  if (!asked || !Number.isFinite(amount) || amount <= 0) return null;
  const due = loaded.calendar.deadline(order.dueAt ?? now, { [unit]: amount } as never);
  return { amount, unit, dueAt: order.dueAt, dueIfApproved: due.at, provisional: due.provisional || order.dueProvisional };
}

function reassignHints(policy: Policy, order: WorkOrder, steps: ShownStep[], precedent: string | null): ReassignHint[] {
  const hints: ReassignHint[] = [];
  const add = (unit: string | null | undefined, source: ReassignHint['source']) => {
    if (unit && !hints.some((h) => h.unit === unit)) hints.push({ unit, source, current: unit === order.leadUnit });
  };
  for (const f of steps.flatMap((s) => s.fields).filter((x) => x.type === 'unit')) add(String(f.value), 'requested');
  add(precedent, 'precedent');
  const routed = route(policy, { category: order.category, channel: order.channel, topic: order.topic ?? undefined, location: order.location });
  add(routed.leadUnit, 'routing');
  return hints;
}

function actability(actor: Actor, task: Task, order: WorkOrder, taskPolicy: TaskPolicy): { actable: string[]; blocked: string | null } {
  const actable: string[] = [];
  let blocked: string | null = null;
  for (const [key, o] of Object.entries(taskPolicy.outcomes)) {
    try {
      authorizeTask(actor, task, order, o.roles);
      actable.push(key);
    } catch (e) {
      if (!(e instanceof ForbiddenError)) throw e;
      blocked = blocked && blocked !== 'ROLE_NOT_ALLOWED' ? blocked : e.code;
    }
  }
  return { actable, blocked: actable.length ? null : blocked };
}

export interface TaskContextInput {
  loaded: LoadedPolicy;
  taskPolicy: TaskPolicy;
  actor: Actor;
  order: WorkOrder;
  task: Task;
  history: Task[];
  now: Date;
  /** The unit a precedent of the order's topic names (DZ-4), if any. */
  precedent: string | null;
  seq: TaskSequence;
}

/** Everything a task page needs to show besides its form; pure (the service reads the rows). */
export function taskContext(input: TaskContextInput): TaskContextView {
  const { loaded, taskPolicy, actor, order, task, history, now } = input;
  const policy = loaded.policy;
  const completion = (t: Task): number => input.seq.completed.get(t.id) ?? t.completedAt?.getTime() ?? 0;
  const earlierTasks = history
    .filter((t) => t.formKey === task.formKey && t.status === 'completed' && t.id !== task.id)
    .sort((a, b) => completion(a) - completion(b));
  const steps = leadingTasks(task, history, input.seq)
    .filter((t) => !earlierTasks.includes(t))
    .map((t) => shownStep(policy, t));
  // a chain with nothing filled in (签收 before 办理) says nothing worth reading
  const visible = steps.some((s) => s.fields.length > 0);
  const access = actability(actor, task, order, taskPolicy);
  const refused = Object.entries(taskPolicy.outcomes).flatMap(([key, o]) => {
    const refusal = refusingGuard(o.guards, { order, task, outcome: key, history, now, calendar: loaded.calendar, policy });
    return refusal ? [{ key, message: refusal.text, lasting: LASTING.has(refusal.guard.rule) }] : [];
  });
  const setsLead = Object.entries(taskPolicy.outcomes).some(
    ([key, o]) => access.actable.includes(key) && o.effects.some((e) => 'setLeadUnit' in e),
  );
  return {
    steps: visible ? steps : [],
    earlier: earlierTasks.map((t) => shownStep(policy, t)),
    extension: extensionPreview(loaded, taskPolicy, order, steps, now),
    reassign: setsLead && steps.length ? reassignHints(policy, order, steps, input.precedent) : [],
    ...access,
    refused,
  };
}
