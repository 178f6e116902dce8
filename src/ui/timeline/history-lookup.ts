import type { FieldDef, Policy } from '../../engine/policy/policy.schema';
import { ownValue } from '../../shared/own-key';
import { localDateTimeText } from '../../shared/local-time';
import { zhCN } from '../i18n/zh-CN';

/** A person as the history names them: display name and unit, never the login. */
export interface Person {
  username: string;
  displayName: string;
  unit: string;
}

/** Where the order page finds people by login (the account store: AuthService.listUsers). */
export interface PeopleDirectory {
  listUsers(city: string): Promise<Person[]>;
}

/**
 * Everything a history sentence needs to say in words what an event's data says in codes:
 * people, task outcomes and form fields (the policy), statuses, flags, timers (the diagram)
 * and times (the city's zone). Every lookup answers undefined for what it does not know.
 */
export interface HistoryLookup {
  person(login: string): Person | undefined;
  /** The outcome's label of the task with this id (its form key from the order's tasks). */
  outcome(taskId: string, outcome: string): string | undefined;
  /** The fields of the task's form, the outcome's first, then the task's own, in the form's order. */
  fields(taskId: string, outcome: string): FieldDef[];
  status(code: string): string | undefined;
  flag(code: string): string | undefined;
  timer(activityId: string): string | undefined;
  findingKind(code: string): string | undefined;
  /** The name of one of the order's attachments, by its id. */
  attachment(id: string): string | undefined;
  time(iso: string): string;
}

/** `name="…"` and `id="…"` of every timer event of a diagram (boundary or catching), entities decoded. */
export function timerNames(xml: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of xml.matchAll(/<(?:bpmn:)?(?:boundaryEvent|intermediateCatchEvent|startEvent)\b([^>]*)>/g)) {
    const attrs = m[1] ?? '';
    const id = /\bid="([^"]*)"/.exec(attrs)?.[1];
    const name = /\bname="([^"]*)"/.exec(attrs)?.[1];
    if (id && name) names.set(id, decodeXml(name));
  }
  return names;
}

function decodeXml(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return named[e] ?? m;
  });
}

/** The lookup of one order's page: its city's policy and diagram, its tasks and the city's people (by login). */
export function historyLookup(input: {
  policy: Policy;
  timers: ReadonlyMap<string, string>;
  tasks: ReadonlyArray<{ id: string; formKey: string }>;
  people: readonly Person[];
  /** The order's attachments, to name the files a form attached. */
  attachments?: ReadonlyArray<{ id: string; name: string }>;
}): HistoryLookup {
  const { policy } = input;
  const files = new Map((input.attachments ?? []).map((a) => [a.id, a.name]));
  const formKeys = new Map(input.tasks.map((t) => [t.id, t.formKey]));
  const people = new Map(input.people.map((p) => [p.username, p]));
  // a scenario run (npm run scenario) acts as the demo directory's bare ids: op1, not sample.op1
  for (const u of policy.users) {
    if (!people.has(u.id)) people.set(u.id, { username: u.id, displayName: u.name, unit: u.unit ?? policy.centre });
  }
  const taskPolicy = (taskId: string) => ownValue(policy.tasks, formKeys.get(taskId) ?? '');
  return {
    person: (login) => people.get(login),
    outcome: (taskId, outcome) => ownValue(taskPolicy(taskId)?.outcomes, outcome)?.label,
    fields(taskId, outcome) {
      const task = taskPolicy(taskId);
      return [...(ownValue(task?.outcomes, outcome)?.fields ?? []), ...(task?.fields ?? [])];
    },
    status: (code) => ownValue(zhCN.status as Record<string, string>, code),
    flag: (code) => ownValue(zhCN.history.flags as Record<string, string>, code),
    timer: (activityId) => input.timers.get(activityId),
    findingKind: (code) => ownValue(policy.assessment?.findings, code),
    attachment: (id) => files.get(id),
    time: (iso) => {
      const at = new Date(iso);
      return Number.isNaN(at.getTime()) ? '' : localDateTimeText(at, policy.timezone);
    },
  };
}
