import type { OrderServices } from '../../engine/queries/order-services';
import type { TaskView } from '../../engine/queries/order-view.service';
import type { ExtensionPreview, ReassignHint, ShownField, ShownStep } from '../../engine/queries/task-context';
import type { Policy } from '../../engine/policy/policy.schema';
import type { Actor } from '../../engine/work-order/actor';
import { DomainError } from '../../shared/errors';
import { localDateTimeText } from '../../shared/local-time';
import { ownValue } from '../../shared/own-key';
import { translate } from '../render';
import type { PeopleDirectory } from '../timeline/history-lookup';

/** Display names by login (the account store), so that a page never shows a login. */
export type Names = ReadonlyMap<string, string>;

export async function namesOf(people: PeopleDirectory, city: string): Promise<Names> {
  return new Map((await people.listUsers(city)).map((p) => [p.username, p.displayName]));
}

/** A person's display name, or '' when the directory does not know the login. */
export function personName(names: Names, username: string | null): string {
  return username ? (names.get(username) ?? '') : '';
}

const time = (d: Date | null, tz: string): string => (d ? localDateTimeText(d, tz) : '—');

/** The order's attachments by id: what a `files` field's ids name (the file's name and where to open it). */
export type FileLinks = ReadonlyMap<string, { name: string; href: string }>;

/** The files a `files` field lists, by name; an id the order no longer holds is left out. */
function filesOf(f: ShownField, files: FileLinks): Array<{ name: string; href: string }> {
  const ids = Array.isArray(f.value) ? f.value : [f.value];
  return ids.flatMap((id) => {
    const file = typeof id === 'string' ? files.get(id.toLowerCase()) : undefined;
    return file ? [file] : [];
  });
}

/** A submitted value as the office reads it: local times, 是/否, units joined by 、, files by name. */
export function fieldText(f: ShownField, tz: string, files: FileLinks = new Map()): string {
  const v = f.value;
  if (f.type === 'files') return filesOf(f, files).map((x) => x.name).join('、');
  if (f.type === 'datetime' && typeof v === 'string' && !Number.isNaN(Date.parse(v))) return localDateTimeText(new Date(v), tz);
  if (typeof v === 'boolean') return translate(v ? 'task.yes' : 'task.no');
  if (Array.isArray(v)) return v.map(String).join('、');
  return typeof v === 'object' && v !== null ? '' : String(v);
}

export interface StepModel {
  title: string;
  by: string;
  fields: Array<{ label: string; text: string; long: boolean; files: Array<{ name: string; href: string }> }>;
}

export function stepModel(policy: Policy, names: Names, step: ShownStep, files: FileLinks = new Map()): StepModel {
  const person = personName(names, step.completedBy);
  return {
    title: translate('task.lastWord', { task: step.taskName, outcome: step.outcomeLabel }),
    by: translate('task.stepBy', { unit: step.unit, person: person ? ` ${person}` : '', time: time(step.completedAt, policy.timezone) }),
    fields: step.fields
      .map((f) => ({ label: f.label, text: fieldText(f, policy.timezone, files), long: f.type === 'text', files: f.type === 'files' ? filesOf(f, files) : [] }))
      .filter((f) => f.text !== ''),
  };
}

export function rolesText(roles: string[]): string {
  return roles.map((r) => translate(`roles.${r}`)).join(translate('task.rolesJoin'));
}

/** 新华区 分管领导 办理“分管领导审核退回”；… */
export function waitingText(open: Array<Pick<TaskView, 'candidateUnit' | 'candidateRoles' | 'name'>>): string {
  return open.map((t) => translate('task.waitingOne', { unit: t.candidateUnit, roles: rolesText(t.candidateRoles), task: t.name })).join('；');
}

export function extensionModel(x: ExtensionPreview | null, tz: string) {
  if (!x) return null;
  return {
    asked: translate(`task.amount.${x.unit}`, { n: x.amount }),
    dueNow: time(x.dueAt, tz),
    dueThen: time(x.dueIfApproved, tz),
    provisional: x.provisional,
  };
}

export function reassignModel(hints: ReassignHint[]) {
  return hints.map((h) => ({ unit: h.unit, source: translate(`task.reassignSource.${h.source}`), current: h.current }));
}

/**
 * The sentence after a step (`?done=<task id>` on the inbox or the next task): what was submitted
 * and where the order waits now. '' when the task is not one the user completed (a stale link).
 */
export async function doneNotice(s: OrderServices, policy: Policy, actor: Actor, doneId: unknown): Promise<string> {
  if (typeof doneId !== 'string' || !/^[0-9a-f-]{36}$/i.test(doneId)) return '';
  try {
    const d = await s.task(actor, doneId);
    if (d.task.status !== 'completed' || d.task.completedBy !== actor.id) return '';
    const outcome = ownValue(ownValue(policy.tasks, d.task.formKey)?.outcomes, d.task.outcome ?? '')?.label ?? '';
    const head = translate('task.done', { outcome, task: d.task.name, number: d.order.number });
    const tail = d.openTasks.length
      ? translate('task.doneNext', { next: waitingText(d.openTasks) })
      : translate('task.doneEnded', { status: translate(`status.${d.order.status}`) });
    return head + tail;
  } catch (e) {
    if (e instanceof DomainError) return '';
    throw e;
  }
}
