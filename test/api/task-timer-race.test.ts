/**
 * The race TASK_NOT_WAITING names: a task answered just after its interrupting boundary timer
 * fell due, before the worker ran the timer. The timer fires first (as when the instance is
 * recovered, also from a cached engine), so the answer is refused with 409, not a 500, and
 * changes nothing; the worker then runs the timer.
 */
import { readFileSync } from 'node:fs';
import { ApiHarness, Client, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(60_000);

// v2 of the sample: the 办理 deadline's timer interrupts 办理 (it goes to 催办 instead)
const INTERRUPTING = readFileSync('processes/sample.bpmn', 'utf8').replace(
  '<bpmn:boundaryEvent id="handleDue" name="办理期限届满" cancelActivity="false"',
  '<bpmn:boundaryEvent id="handleDue" name="办理期限届满" cancelActivity="true"',
);
const DUE = new Date('2026-03-09T15:59:59.999Z');

let h: ApiHarness;
let op: Client;
let xh: Client;
beforeAll(async () => {
  h = await openApiHarness();
  expect(INTERRUPTING).toContain('cancelActivity="true"');
  const admin = await h.login('sample.admin1');
  expect((await admin.post('/api/processes/sample/versions', { xml: INTERRUPTING })).status).toBe(201);
  op = await h.login('sample.op1');
  xh = await h.login('sample.xh-handler');
});
afterAll(async () => {
  await h.close();
});

it('answers 409 TASK_NOT_WAITING for a task whose interrupting timer fell due first, and changes nothing', async () => {
  const created = await op.post('/api/orders', { city: 'sample', category: 'help', channel: 'hotline', content: '路灯不亮', requester: { name: '张三', phone: '13812345678' } });
  expect(created.status).toBe(201);
  const orderId = created.body.order.id as string;
  const signed = await xh.post(`/api/tasks/${created.body.tasks[0].id}/complete`, { outcome: 'done' }); // its engine is kept in the cache
  expect(signed.status).toBe(200);
  const handleId = signed.body.openTasks[0].id as string;
  h.clock.set(new Date(DUE.getTime() + 30_000)); // the timer is due; no worker ran it yet
  xh = await h.login('sample.xh-handler'); // a week later: a new session
  const before = { audit: await h.runtime.workOrders.auditOf(orderId), tasks: await h.runtime.workOrders.tasksOf(orderId) };
  const reply = { outcome: 'reply', data: { result: '已修复', informedAt: '2026-03-09T10:00:00+08:00', informedBy: '电话' } };
  const res = await xh.post(`/api/tasks/${handleId}/complete`, reply);
  expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'TASK_NOT_WAITING' });
  expect(await h.runtime.workOrders.auditOf(orderId)).toEqual(before.audit);
  expect(await h.runtime.workOrders.tasksOf(orderId)).toEqual(before.tasks);
  // the worker runs the timer: 办理 is cancelled, 催办 waits at the centre
  await h.jobs.advanceTo(h.clock.now());
  const tasks = await h.runtime.workOrders.tasksOf(orderId);
  expect(tasks.find((t) => t.id === handleId)?.status).toBe('cancelled');
  expect(tasks.filter((t) => t.status === 'open').map((t) => t.formKey)).toEqual(['remind']);
});
