import { isDeepStrictEqual } from 'node:util';
import type { StoredAuditEvent, Task, WorkOrder } from '../engine/ports';
import { ValidationError } from '../shared/errors';
import type { ExpectStep } from './scenario.schema';

class ExpectationFailed extends ValidationError {
  constructor(problems: string[]) {
    super('EXPECTATION_FAILED', problems.join('; '), problems.map((p) => ({ path: 'expect', message: p })));
  }
}

/** Same second: scenario files write deadlines as 23:59:59+08:00. */
function sameSecond(a: Date | null, expected: string): boolean {
  return a !== null && Math.floor(a.getTime() / 1000) === Math.floor(Date.parse(expected) / 1000);
}

function taskMatches(task: Task, e: NonNullable<ExpectStep['tasks']>[number]): boolean {
  const nameOk = [task.formKey, task.activityId, task.name].includes(e.name);
  const unitOk = e.unit === undefined || task.candidateUnit === e.unit;
  const dueOk = e.due === undefined || sameSecond(task.dueAt, e.due);
  const flagsOk = e.flags === undefined || e.flags.every((f) => task.flags.includes(f));
  return nameOk && unitOk && dueOk && flagsOk;
}

function describeTask(t: Task): string {
  return `${t.formKey}@${t.candidateUnit} due ${t.dueAt?.toISOString() ?? '-'}${t.flags.length ? ` [${t.flags.join(',')}]` : ''}`;
}

function checkTasks(expected: NonNullable<ExpectStep['tasks']>, open: Task[], problems: string[]): void {
  const left = [...open];
  for (const e of expected) {
    const i = left.findIndex((t) => taskMatches(t, e));
    if (i < 0) problems.push(`expected an open task ${JSON.stringify(e)}`);
    else left.splice(i, 1);
  }
  if (left.length) problems.push(`unexpected open task(s): ${left.map(describeTask).join(', ')}`);
  if (problems.length) problems.push(`open tasks are: ${open.map(describeTask).join(', ') || 'none'}`);
}

function checkAudit(expected: NonNullable<ExpectStep['audit']>, audit: StoredAuditEvent[], problems: string[]): void {
  for (const item of expected) {
    const entries = typeof item === 'string' ? [[item, -1] as const] : Object.entries(item);
    for (const [type, count] of entries) {
      const n = audit.filter((e) => e.type === type).length;
      if (count < 0 ? n === 0 : n !== count) problems.push(`audit ${type}: expected ${count < 0 ? 'at least one' : count}, found ${n}`);
    }
  }
}

export function checkExpectations(e: ExpectStep, order: WorkOrder, tasks: Task[], audit: StoredAuditEvent[]): void {
  const problems: string[] = [];
  const differs = (what: string, expected: unknown, actual: unknown) => {
    if (expected !== undefined && !isDeepStrictEqual(expected, actual)) problems.push(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  };
  differs('status', e.status, order.status);
  differs('lead', e.lead, order.leadUnit);
  differs('co', e.co, order.coUnits);
  differs('dueProvisional', e.dueProvisional, order.dueProvisional);
  if (e.due !== undefined && !sameSecond(order.dueAt, e.due)) problems.push(`due: expected ${e.due}, got ${order.dueAt?.toISOString() ?? 'none'}`);
  for (const f of e.flags ?? []) if (!order.flags.includes(f)) problems.push(`flag ${f}: missing (flags: ${order.flags.join(', ') || 'none'})`);
  for (const f of e.notFlags ?? []) if (order.flags.includes(f)) problems.push(`flag ${f}: present, expected absent`);
  for (const [k, v] of Object.entries(e.data ?? {})) differs(`data.${k}`, v, order.data[k]);
  if (e.tasks) checkTasks(e.tasks, tasks.filter((t) => t.status === 'open'), problems);
  if (e.audit) checkAudit(e.audit, audit, problems);
  if (problems.length) throw new ExpectationFailed(problems);
}
