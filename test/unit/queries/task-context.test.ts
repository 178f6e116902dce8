/**
 * What a task page shows besides its form (issue 13): the completed tasks that led to the task
 * (back to the unit's own handling step), the extension's resulting due date by the city's
 * calendar, the actions a guard refuses now with the policy's words, and who may act.
 */
import { readFileSync } from 'node:fs';
import { CityCatalog } from '../../../src/engine/city/city-catalog';
import { parsePolicy } from '../../../src/engine/policy/load-policies';
import type { Task, WorkOrder } from '../../../src/engine/ports';
import { leadingTasks, taskContext, taskSequence } from '../../../src/engine/queries/task-context';
import type { Actor } from '../../../src/engine/work-order/actor';

const loaded = new CityCatalog().addPolicy(1, parsePolicy(readFileSync('policies/sample.yaml', 'utf8'), 'policies/sample.yaml'));
const T0 = new Date('2026-03-02T09:00:00+08:00');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const order: WorkOrder = {
  id: 'o1', city: 'sample', number: 'SMP-1', category: 'complaint', channel: 'hotline', topic: null, content: '路灯不亮',
  requester: { name: '陈', phone: '13700000000' }, location: { district: '新华区' }, status: 'review', leadUnit: '新华区', coUnits: [],
  dueAt: new Date('2026-03-20T23:59:59.999+08:00'), dueProvisional: false, flags: [], data: {}, processKey: 'sample', processVersion: 1,
  policyVersion: 1, createdAt: T0, updatedAt: T0, closedAt: null,
} as WorkOrder;

let n = 0;
function task(formKey: string, roles: string[], unit: string, created: number, done?: { at: number; outcome: string; data?: Record<string, unknown> }): Task {
  n += 1;
  return {
    id: `t${n}`, orderId: 'o1', instanceId: 'i1', city: 'sample', executionId: `e${n}`, activityId: formKey, formKey, name: loaded.policy.tasks[formKey]!.name,
    candidateUnit: unit, candidateRoles: roles, assignee: null, createdAt: at(created), dueAt: null, status: done ? 'completed' : 'open',
    completedBy: done ? 'sample.xh-handler' : null, completedAt: done ? at(done.at) : null, outcome: done?.outcome ?? null,
    formData: done?.data ?? null, flags: [],
  };
}

const centre = loaded.policy.centre;
const unitRoles = ['handler', 'leader'];
const disp: Actor = { id: 'sample.disp1', name: '派单', city: 'sample', role: 'dispatcher', unit: centre };

/** Events in the order a step writes them: the completion, then the tasks it opened. */
function trail(tasks: Task[]) {
  const events: Array<{ at: number; k: number; type: string; data: Record<string, unknown> }> = [];
  for (const t of tasks) {
    events.push({ at: t.createdAt.getTime(), k: 1, type: 'task.created', data: { taskId: t.id } });
    if (t.completedAt) events.push({ at: t.completedAt.getTime(), k: 0, type: 'task.completed', data: { taskId: t.id } });
  }
  return taskSequence(events.sort((a, b) => a.at - b.at || a.k - b.k));
}

it('leads a reply review back to the reply, and a same-instant history by the audit trail', () => {
  const sign = task('sign', unitRoles, '新华区', 0, { at: 0, outcome: 'done' });
  const handle = task('handle', unitRoles, '新华区', 0, { at: 0, outcome: 'reply', data: { result: '已修复', informedBy: '电话' } });
  const review = task('review', ['dispatcher'], centre, 0);
  const history = [sign, handle, review];
  expect(leadingTasks(review, history, trail(history)).map((t) => t.formKey)).toEqual(['handle']);
  const c = taskContext({ loaded, taskPolicy: loaded.policy.tasks.review!, actor: disp, order, task: review, history, now: at(1), precedent: null, seq: trail(history) });
  expect(c.steps).toHaveLength(1);
  expect(c.steps[0]!.fields.map((f) => [f.label, f.value])).toEqual([['办理结果', '已修复'], ['告知方式', '电话']]);
  expect(c.actable).toEqual(['approve', 'sendBack']);
});

it('reads a visit through the approval to the reply, and counts the earlier calls apart', () => {
  const handle = task('handle', unitRoles, '新华区', 0, { at: 10, outcome: 'reply', data: { result: '已修复' } });
  const review = task('review', ['dispatcher'], centre, 10, { at: 20, outcome: 'approve' });
  const visit1 = task('visit', ['dispatcher', 'operator'], centre, 20, { at: 30, outcome: 'done', data: { satisfaction: '满意' } });
  const visit2 = task('visit', ['dispatcher', 'operator'], centre, 30);
  const history = [handle, review, visit1, visit2];
  const c = taskContext({ loaded, taskPolicy: loaded.policy.tasks.visit!, actor: disp, order, task: visit2, history, now: at(31), precedent: null, seq: trail(history) });
  expect(c.steps.map((s) => s.formKey)).toEqual(['handle', 'review']);
  expect(c.earlier.map((s) => s.taskId)).toEqual([visit1.id]);
});

it('computes the due date an extension would give with the calendar, and names the guard refusing an action', () => {
  const handle = task('handle', unitRoles, '新华区', 0, { at: 10, outcome: 'extend', data: { days: 3, reason: '需协调' } });
  const review = task('reviewExtension', ['dispatcher'], centre, 10);
  const history = [handle, review];
  const c = taskContext({ loaded, taskPolicy: loaded.policy.tasks.reviewExtension!, actor: disp, order, task: review, history, now: at(11), precedent: null, seq: trail(history) });
  // 2026-03-20 is a Friday: three working days on is Wednesday 25 March, 24:00
  expect(c.extension).toMatchObject({ amount: 3, unit: 'workingDays', provisional: false });
  expect(c.extension!.dueIfApproved.toISOString()).toBe(loaded.calendar.deadline(order.dueAt!, { workingDays: 3 }).at.toISOString());
  expect(c.extension!.dueIfApproved.getTime()).toBeGreaterThan(new Date('2026-03-25T00:00:00+08:00').getTime());

  const again = task('handle', unitRoles, '新华区', 20);
  const later = [...history.map((t) => (t === review ? { ...t, status: 'completed' as const, completedAt: at(20), outcome: 'approve' } : t)), again];
  const xh: Actor = { id: 'sample.xh-handler', name: '承办', city: 'sample', role: 'handler', unit: '新华区' };
  const h = taskContext({ loaded, taskPolicy: loaded.policy.tasks.handle!, actor: xh, order: { ...order, flags: ['extended'] }, task: again, history: later, now: at(21), precedent: null, seq: trail(later) });
  expect(h.refused).toContainEqual({ key: 'extend', message: expect.stringMatching(/^每件工单限延期一次（每件工单最多1次，已有1次）$/), lasting: false });
  const consultation = taskContext({ loaded, taskPolicy: loaded.policy.tasks.handle!, actor: xh, order: { ...order, category: 'consultation' }, task: again, history: later, now: at(21), precedent: null, seq: trail(later) });
  expect(consultation.refused).toContainEqual({ key: 'extend', message: expect.stringContaining('该类别工单不可延期'), lasting: true });
  expect(h.actable).toEqual(['reply', 'return', 'extend']);
  // another unit's handler sees the task but may do nothing on it
  const wd: Actor = { ...xh, id: 'sample.wd-handler', unit: '卫东区' };
  const other = taskContext({ loaded, taskPolicy: loaded.policy.tasks.handle!, actor: wd, order, task: again, history: later, now: at(21), precedent: null, seq: trail(later) });
  expect(other).toMatchObject({ actable: [], blocked: 'NOT_YOUR_UNIT' });
});
