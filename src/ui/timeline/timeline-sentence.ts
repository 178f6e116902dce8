import type { FieldDef } from '../../engine/policy/policy.schema';
import { eventName, hasEventName } from '../event-names';
import { translate } from '../render';
import type { HistoryLookup } from './history-lookup';

/** An audit event as the timeline receives it (GET /api/orders/{id}/timeline). */
export interface TimelineEvent {
  type: string;
  actor: string;
  at: string;
  data: Record<string, unknown>;
}

/** One line of 办理记录: when, who, what happened, in the words of the hotline. */
export interface HistoryEntry {
  type: string;
  /** The event's short name (工单受理, 办理环节完成 …). */
  name: string;
  at: string;
  who: string;
  what: string;
  /** The form's fields under their labels: 延期天数：3 … (a task's completion only). */
  details: string[];
}

const SYSTEM = 'system';
const t = (key: string, params: Record<string, unknown> = {}) => translate(`history.${key}`, params);
const mt = (key: string, params: Record<string, unknown> = {}) => translate(`merge.history.${key}`, params);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The history of an order in sentences, oldest first. An automatic step is told with its
 * cause where one is known: a timer that fired makes the system's events of the same instant
 * 系统（超期未办结）; a deadline check is 系统（超期检查）. Nothing of an event's data shows
 * that the lookup cannot put into words.
 */
/**
 * Events the order's 办理记录 leaves out: who looked at a photo or document is in the audit log
 * and the auditors' raw export, but one line per thumbnail shown would bury the work done.
 */
const NOT_WORK: ReadonlySet<string> = new Set(['attachment.downloaded']);

/** The events a person reads as the order's history (办理记录): the work done, without the views of its files. */
export function workEvents<E extends { type: string }>(events: readonly E[]): E[] {
  return events.filter((e) => !NOT_WORK.has(e.type));
}

export function historySentences(events: readonly TimelineEvent[], look: HistoryLookup): HistoryEntry[] {
  let cause: { at: string; name: string } | null = null;
  return events.map((e) => {
    if (e.type === 'timer.due' || e.type === 'timer.fired') {
      const name = look.timer(text(e.data.activityId));
      if (name) cause = { at: e.at, name };
    }
    const because = cause && cause.at === e.at ? cause.name : automaticCause(e.type);
    return {
      type: e.type,
      name: hasEventName(e.type) ? eventName(e.type) : t('otherEvent'),
      at: look.time(e.at),
      who: who(e.actor, look, because),
      what: what(e, look),
      details: e.type === 'task.completed' ? formDetails(e.data, look) : [],
    };
  });
}

function automaticCause(type: string): string | null {
  if (type === 'deadline.task-warning') return t('deadlineWarning');
  if (type === 'deadline.task-overdue' || type === 'deadline.order-overdue') return t('deadlineOverdue');
  return null;
}

/** 李明（新华区）; 系统 or 系统（cause）; a login nobody knows is 工作人员, never shown. */
export function who(actor: string, look: HistoryLookup, cause: string | null = null): string {
  if (actor === SYSTEM) return cause ? t('systemBecause', { cause }) : t('system');
  const p = look.person(actor);
  if (!p) return t('unknownPerson');
  return p.unit && p.unit !== p.displayName ? `${p.displayName}（${p.unit}）` : p.displayName;
}

function taskLabel(d: Record<string, unknown>): string {
  const name = text(d.name);
  const unit = text(d.unit);
  return unit ? `${name}（${unit}）` : name;
}

type Say = (d: Record<string, unknown>, look: HistoryLookup) => string;

const SENTENCES: Readonly<Record<string, Say>> = {
  'order.created': (d) => (text(d.leadUnit) ? t('orderCreatedLead', { number: text(d.number), unit: text(d.leadUnit) }) : t('orderCreated', { number: text(d.number) })),
  'order.status': (d, look) => {
    const to = look.status(text(d.to));
    const from = look.status(text(d.from));
    if (!to) return eventName('order.status');
    return from ? t('orderStatus', { from, to }) : t('orderStatusTo', { to });
  },
  'task.created': (d, look) => {
    const due = d.dueAt ? look.time(String(d.dueAt)) : '';
    return due ? t('taskCreatedDue', { task: taskLabel(d), due }) : t('taskCreated', { task: taskLabel(d) });
  },
  'task.completed': (d, look) => {
    const outcome = look.outcome(text(d.taskId), text(d.outcome));
    const task = text(d.name);
    return outcome && outcome !== task ? t('taskCompletedOutcome', { task, outcome }) : t('taskCompleted', { task });
  },
  'task.cancelled': (d) => t('taskCancelled', { task: taskLabel(d) }),
  'task.claimed': (d) => t('taskClaimed', { task: taskLabel(d) }),
  'task.unclaimed': (d) => t('taskUnclaimed', { task: taskLabel(d) }),
  'task.due-changed': (d, look) => {
    const from = d.from ? look.time(String(d.from)) : '';
    const to = look.time(text(d.to));
    return from ? t('taskDueChanged', { task: taskLabel(d), from, to }) : t('taskDueSet', { task: taskLabel(d), to });
  },
  'deadline.provisional': () => t('provisional'),
  'deadline.order-overdue': (d, look) => t('orderOverdue', { due: look.time(text(d.dueAt)) }),
  'deadline.task-warning': (d, look) => t('taskWarning', { task: taskLabel(d), due: look.time(text(d.dueAt)) }),
  'deadline.task-overdue': (d, look) => t('taskOverdue', { task: taskLabel(d), due: look.time(text(d.dueAt)) }),
  'timer.scheduled': (d, look) => t('timerScheduled', { timer: timerName(d, look), at: look.time(text(d.at)) }),
  'timer.due': (d, look) => t('timerDue', { timer: timerName(d, look) }),
  'timer.fired': (d, look) => t('timerFired', { timer: timerName(d, look) }),
  'flag.raised': (d, look) => {
    const flag = look.flag(text(d.flag));
    return flag ? t('flagRaised', { flag }) : t('flagRaisedUnnamed');
  },
  'precedent.set': (d) => t('precedentSet', { topic: text(d.topic), unit: text(d.unit) }),
  'caller.blocked': (d, look) => t('callerBlocked', { until: look.time(text(d.until)) }),
  'requester.viewed': () => t('requesterViewed'),
  'attachment.uploaded': (d) => translate('attachments.history.uploaded', { name: text(d.name) }),
  'attachment.downloaded': (d) => translate('attachments.history.downloaded', { name: text(d.name) }),
  'order.appeal-added': (d) => {
    const said = d.from ? mt('appealFromOrder', { number: text(d.from) }) : mt('appealAtIntake');
    return d.repeat === true ? said + mt('appealRepeat') : said;
  },
  'order.appeal-removed': (d) => mt('appealRemoved', { number: text(d.from) }),
  'order.merged': (d) => mt('merged', { number: text(d.into), tasks: typeof d.tasksStopped === 'number' ? d.tasksStopped : 0 }),
  'order.merge-undone': (d) => mt('mergeUndone', { number: text(d.from) }),
  'finding.recorded': (d, look) => t('findingRecorded', { kind: look.findingKind(text(d.kind)) ?? eventName('finding.recorded'), unit: text(d.unit) }),
};

function timerName(d: Record<string, unknown>, look: HistoryLookup): string {
  return look.timer(text(d.activityId)) ?? t('timerUnnamed');
}

/** What happened, in one sentence; an event type without one is named by its kind alone. */
export function what(e: TimelineEvent, look: HistoryLookup): string {
  const say = Object.hasOwn(SENTENCES, e.type) ? SENTENCES[e.type] : undefined;
  if (say) return say(e.data, look);
  return hasEventName(e.type) ? eventName(e.type) : t('otherEvent');
}

/** The completed form under its labels, `label：value`, in the form's order; fields the policy does not name are left out. */
export function formDetails(d: Record<string, unknown>, look: HistoryLookup): string[] {
  const data = d.data !== null && typeof d.data === 'object' ? (d.data as Record<string, unknown>) : {};
  const out: string[] = [];
  const seen = new Set<string>();
  for (const field of look.fields(text(d.taskId), text(d.outcome))) {
    if (seen.has(field.name) || !Object.hasOwn(data, field.name)) continue;
    seen.add(field.name);
    const shown = fieldValue(field, data[field.name], look);
    if (shown) out.push(`${field.label}：${shown}`);
  }
  return out;
}

/** The attached files by name (“现场照片.jpg”、“回复函.pdf”); those the lookup cannot name are counted. */
function filesValue(ids: readonly unknown[], look: HistoryLookup): string {
  const named = ids.map((id) => look.attachment(String(id))).filter((name): name is string => name !== undefined);
  const unnamed = ids.length - named.length;
  const parts = named.map((name) => `“${name}”`);
  if (unnamed > 0) parts.push(translate('attachments.history.files', { n: unnamed }));
  return parts.join('、');
}

function fieldValue(field: FieldDef, value: unknown, look: HistoryLookup): string {
  if (value === null || value === undefined || value === '') return '';
  if (field.type === 'files') return filesValue(Array.isArray(value) ? value : [value], look);
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string' || typeof v === 'number').join('、');
  if (field.type === 'datetime' && typeof value === 'string') return look.time(value) || value;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return '';
}
