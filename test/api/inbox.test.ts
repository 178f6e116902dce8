import { ApiHarness, Client, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(60_000);

let h: ApiHarness;
let op: Client;
let xh: Client;
beforeAll(async () => {
  h = await openApiHarness();
  op = await h.login('sample.op1');
  xh = await h.login('sample.xh-handler');
});
afterAll(async () => {
  await h.close();
});

interface Item {
  id: string;
  formKey: string;
  dueAt: string | null;
  remainingSeconds: number | null;
  assignee: string | null;
  order: { id: string; number: string; title: string; requester: { name: string; phone: string } };
}

async function intake(over: Record<string, unknown> = {}): Promise<{ orderId: string; taskId: string }> {
  const body = {
    city: 'sample',
    category: 'complaint',
    channel: 'hotline',
    content: '路灯不亮',
    requester: { name: '张三', phone: '13812345678' },
    ...over,
  };
  const res = await op.post('/api/orders', body);
  expect(res.status).toBe(201);
  return { orderId: res.body.order.id, taskId: res.body.tasks[0].id };
}

async function tab(client: Client, name: string, scope = 'unit'): Promise<Item[]> {
  const res = await client.get(`/api/inbox?tab=${name}&scope=${scope}&pageSize=100`);
  expect(res.status).toBe(200);
  expect(res.body.total).toBe(res.body.items.length);
  return res.body.items;
}

const taskIds = (items: Item[]) => items.map((i) => i.id);

describe('GET /api/inbox and /api/inbox/counts', () => {
  let complaint: { orderId: string; taskId: string };
  let urgent: { orderId: string; taskId: string };
  let help: { orderId: string; taskId: string };
  beforeAll(async () => {
    complaint = await intake({
      content:
        '小区路灯不亮已经一个星期了，晚上出行很不方便，老人孩子都容易摔倒，希望有关部门尽快派人维修。另外小区门口的井盖也松动了，车辆经过时响声很大，请一并处理，谢谢。',
    });
    urgent = await intake({ category: 'urgent', content: '燃气泄漏' });
    help = await intake({ category: 'help', content: '求助：独居老人' });
  });

  it("lists the unit's unclaimed sign tasks to sign, by due time, with the order in brief (requester masked)", async () => {
    const items = await tab(xh, 'to-sign');
    expect(taskIds(items)).toEqual([urgent.taskId, help.taskId, complaint.taskId]);
    const first = items[2]!;
    expect(first).toMatchObject({ formKey: 'sign', assignee: null, remainingSeconds: expect.any(Number) });
    expect(first.order.requester).toEqual({ name: '张*', phone: '138****5678' });
    expect([...first.order.title]).toHaveLength(61);
    expect(first.order.title.endsWith('…')).toBe(true);
    expect(items[0]!.remainingSeconds).toBe(30 * 60);
  });

  it('shows other units and roles nothing of it; the centre sees its own tasks', async () => {
    const wd = await h.login('sample.wd-handler');
    expect(await tab(wd, 'to-sign')).toEqual([]);
    expect(await tab(op, 'to-sign')).toEqual([]);
    expect(await tab(await h.login('sample.audit1'), 'in-progress')).toEqual([]);
    const counts = await wd.get('/api/inbox/counts');
    expect(counts.status).toBe(200);
    expect(counts.body).toEqual({ toSign: 0, inProgress: 0, dueSoon: 0, overdue: 0, done: 0 });
  });

  it('moves a claimed task to in progress, and scope=mine shows only what the user holds', async () => {
    const claimed = await xh.post(`/api/tasks/${help.taskId}/claim`);
    expect(claimed.status).toBe(200);
    expect(taskIds(await tab(xh, 'to-sign'))).not.toContain(help.taskId);
    expect(taskIds(await tab(xh, 'in-progress'))).toEqual([help.taskId]);
    expect(taskIds(await tab(xh, 'in-progress', 'mine'))).toEqual([help.taskId]);
    const leader = await h.login('sample.xh-leader');
    expect(taskIds(await tab(leader, 'in-progress', 'mine'))).toEqual([]);
    expect(taskIds(await tab(leader, 'in-progress'))).toEqual([help.taskId]);
    const counts = await xh.get('/api/inbox/counts?scope=mine');
    expect(counts.body).toMatchObject({ toSign: 0, inProgress: 1 });
  });

  it('counts each tab, and due-soon, overdue and done follow the clock and the work', async () => {
    const before = await xh.get('/api/inbox/counts');
    expect(before.body).toEqual({ toSign: 2, inProgress: 1, dueSoon: 1, overdue: 0, done: 0 });
    expect(taskIds(await tab(xh, 'due-soon'))).toEqual([urgent.taskId]);
    await h.jobs.advanceTo(new Date('2026-03-02T09:31:00+08:00'));
    expect(taskIds(await tab(xh, 'overdue'))).toEqual([urgent.taskId]);
    expect(taskIds(await tab(xh, 'due-soon'))).toEqual([]);
    const overdue = (await tab(xh, 'overdue'))[0]!;
    expect(overdue.remainingSeconds).toBe(-60);
    const signed = await xh.post(`/api/tasks/${urgent.taskId}/complete`, { outcome: 'done' });
    expect(signed.status).toBe(200);
    expect(taskIds(await tab(xh, 'done'))).toEqual([urgent.taskId]);
    expect(taskIds(await tab(xh, 'done', 'mine'))).toEqual([urgent.taskId]);
    const handle = signed.body.openTasks.find((t: { formKey: string }) => t.formKey === 'handle').id;
    expect(taskIds(await tab(xh, 'in-progress'))).toEqual(expect.arrayContaining([handle, help.taskId]));
    const after = await xh.get('/api/inbox/counts');
    expect(after.body).toEqual({ toSign: 1, inProgress: 2, dueSoon: 0, overdue: 1, done: 1 });
  });

  it('sends the centre its review tasks, by role: the dispatcher sees them, the operator does not', async () => {
    const handle = (await tab(xh, 'in-progress')).find((i) => i.order.id === urgent.orderId)!;
    const reply = await xh.post(`/api/tasks/${handle.id}/complete`, {
      outcome: 'reply',
      data: { result: '已关闭燃气阀门', informedAt: '2026-03-02T09:31:00+08:00', informedBy: '电话' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.order.status).toBe('review');
    const disp = await h.login('sample.disp1');
    const centre = await tab(disp, 'in-progress');
    expect(
      centre
        .filter((i) => i.order.id === urgent.orderId)
        .map((i) => i.formKey)
        .sort(),
    ).toEqual(['remind', 'review']);
    expect(await tab(op, 'in-progress')).toEqual([]);
  });

  it('drops done tasks older than 30 days', async () => {
    h.clock.advance(31 * 24 * 3_600_000);
    xh = await h.login('sample.xh-handler'); // sessions last 12 hours
    expect(await tab(xh, 'done')).toEqual([]);
  });

  it('names an unknown tab or scope', async () => {
    const res = await xh.get('/api/inbox?tab=later&scope=everyone');
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.scope', 'query.tab']);
  });
});

describe('inbox of another city (pingdingshan)', () => {
  it("shows a unit's tasks in its own city only", async () => {
    const pdsOp = await h.login('pingdingshan.pds-op1');
    const created = await pdsOp.post('/api/orders', {
      city: 'pingdingshan',
      category: 'B',
      channel: 'hotline',
      content: '占道经营',
      requester: { name: '王五', phone: '13600003333' },
      leadUnit: '新华区',
    });
    expect(created.status).toBe(201);
    const pdsXh = await h.login('pingdingshan.xh-handler');
    const items = await tab(pdsXh, 'to-sign');
    expect(items.map((i) => i.order.id)).toEqual([created.body.order.id]);
    expect(items[0]!.order.number).toMatch(/^PDS-/);
    expect((await tab(xh, 'to-sign')).map((i) => i.order.id)).not.toContain(created.body.order.id);
  });
});
