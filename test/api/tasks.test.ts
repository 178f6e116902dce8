import { ApiHarness, Client, DEMO_PASSWORD, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(60_000);

let h: ApiHarness;
let op: Client;
let xh: Client;
let leader: Client;
beforeAll(async () => {
  h = await openApiHarness();
  await h.runtime.auth.createUser({
    username: 'sample.xh-handler2',
    password: DEMO_PASSWORD,
    city: 'sample',
    displayName: '陈承办',
    role: 'handler',
    unit: '新华区',
  });
  op = await h.login('sample.op1');
  xh = await h.login('sample.xh-handler');
  leader = await h.login('sample.xh-leader');
});
afterAll(async () => {
  await h.close();
});

function expectProblem(res: { status: number; body: { code?: string } }, status: number, code: string): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
}

async function signTask(over: Record<string, unknown> = {}): Promise<{ orderId: string; taskId: string }> {
  const body = {
    city: 'sample',
    category: 'complaint',
    channel: 'hotline',
    content: '楼道灯坏了',
    requester: { name: '张三', phone: '13812345678' },
    ...over,
  };
  const res = await op.post('/api/orders', body);
  expect(res.status).toBe(201);
  return { orderId: res.body.order.id, taskId: res.body.tasks[0].id };
}

/** Signs the order's sign task as the 新华区 handler and returns its handle task. */
async function handleTask(): Promise<{ orderId: string; taskId: string }> {
  const sign = await signTask();
  const res = await xh.post(`/api/tasks/${sign.taskId}/complete`, { outcome: 'done' });
  expect(res.status).toBe(200);
  return { orderId: sign.orderId, taskId: res.body.openTasks[0].id };
}

describe('GET /api/tasks/:id', () => {
  it("shows the task, its order in brief and the policy's form with every outcome's fields", async () => {
    const { taskId } = await handleTask();
    const res = await xh.get(`/api/tasks/${taskId}`);
    expect(res.status).toBe(200);
    expect(res.body.task).toMatchObject({
      id: taskId,
      formKey: 'handle',
      name: '办理',
      unit: '新华区',
      roles: ['handler', 'leader'],
      status: 'open',
    });
    expect(res.body.order).toMatchObject({
      requester: { name: '张*', phone: '138****5678' },
      content: '楼道灯坏了',
      status: 'in-progress',
    });
    expect(res.body.form.outcomes.map((o: { key: string }) => o.key)).toEqual(['reply', 'return', 'extend']);
    const reply = res.body.form.outcomes[0];
    expect(reply.fields).toEqual([
      { name: 'result', label: '办理结果', type: 'text', required: true, maxLength: 2000 },
      {
        name: 'informedAt',
        label: '告知诉求人时间',
        type: 'datetime',
        required: true,
        help: '答复前须将办理结果告知诉求人',
        when: 'past',
      },
      { name: 'informedBy', label: '告知方式', type: 'choice', required: true, options: ['电话', '短信', '当面'] },
      { name: 'attachments', label: '附件', type: 'files', required: false, help: '现场照片或相关材料（可选）' },
    ]);
    expect(res.body.form.outcomes[2].fields[0]).toMatchObject({ name: 'days', type: 'number', min: 1, max: 10 });
  });

  it('refuses another unit (403), hides another city (404) and names a malformed id (400)', async () => {
    const { taskId } = await signTask();
    const wd = await h.login('sample.wd-handler');
    const other = await wd.get(`/api/tasks/${taskId}`);
    expectProblem(other, 403, 'ORDER_NOT_VISIBLE');
    const pds = await h.login('pingdingshan.xh-handler');
    const hidden = await pds.get(`/api/tasks/${taskId}`);
    expectProblem(hidden, 404, 'TASK_NOT_FOUND');
    expect((await xh.get('/api/tasks/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const bad = await xh.get('/api/tasks/not-a-task');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'params.id' })]);
  });
});

describe('claim and unclaim', () => {
  it('lets a handler of the unit claim; a colleague then gets 409 TASK_ALREADY_CLAIMED and cannot complete it', async () => {
    const { orderId, taskId } = await signTask();
    const claimed = await xh.post(`/api/tasks/${taskId}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ id: taskId, assignee: 'sample.xh-handler' });
    expect((await xh.post(`/api/tasks/${taskId}/claim`)).status).toBe(200);
    const second = await leader.post(`/api/tasks/${taskId}/claim`);
    expectProblem(second, 409, 'TASK_ALREADY_CLAIMED');
    const complete = await leader.post(`/api/tasks/${taskId}/complete`, { outcome: 'done' });
    expectProblem(complete, 403, 'TASK_CLAIMED_BY_OTHER');
    const timeline = await op.get(`/api/orders/${orderId}/timeline`);
    expect(timeline.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'task.claimed',
          actor: 'sample.xh-handler',
          data: expect.objectContaining({ taskId }),
        }),
      ]),
    );
  });

  it('refuses another unit (NOT_YOUR_UNIT), a role the task is not for (ROLE_NOT_ALLOWED) and another city (CITY_MISMATCH)', async () => {
    const { taskId } = await signTask();
    const wd = await h.login('sample.wd-handler');
    const byWd = await wd.post(`/api/tasks/${taskId}/claim`);
    expectProblem(byWd, 403, 'NOT_YOUR_UNIT');
    const pds = await h.login('pingdingshan.xh-handler');
    const byPds = await pds.post(`/api/tasks/${taskId}/claim`);
    expectProblem(byPds, 403, 'CITY_MISMATCH');
    const { taskId: handle } = await handleTask();
    const reply = await xh.post(`/api/tasks/${handle}/complete`, {
      outcome: 'reply',
      data: { result: '已修复', informedAt: '2026-03-02T09:00:00+08:00', informedBy: '电话' },
    });
    const review = reply.body.openTasks.find((t: { formKey: string }) => t.formKey === 'review');
    const byOperator = await op.post(`/api/tasks/${review.id}/claim`);
    expectProblem(byOperator, 403, 'ROLE_NOT_ALLOWED');
    expect((await (await h.login('sample.disp1')).post(`/api/tasks/${review.id}/claim`)).status).toBe(200);
  });

  it('lets the holder or the leader release a claim, not a colleague (NOT_CLAIM_HOLDER)', async () => {
    const { orderId, taskId } = await signTask();
    expect((await xh.post(`/api/tasks/${taskId}/claim`)).status).toBe(200);
    const colleague = await h.login('sample.xh-handler2');
    const byColleague = await colleague.delete(`/api/tasks/${taskId}/claim`);
    expectProblem(byColleague, 403, 'NOT_CLAIM_HOLDER');
    const byLeader = await leader.delete(`/api/tasks/${taskId}/claim`);
    expect(byLeader.status).toBe(200);
    expect(byLeader.body.assignee).toBeNull();
    expect((await colleague.post(`/api/tasks/${taskId}/claim`)).status).toBe(200);
    const byHolder = await colleague.delete(`/api/tasks/${taskId}/claim`);
    expect(byHolder.status).toBe(200);
    expect((await colleague.delete(`/api/tasks/${taskId}/claim`)).body.assignee).toBeNull();
    const events = (await op.get(`/api/orders/${orderId}/timeline`)).body.items.filter(
      (e: { type: string }) => e.type === 'task.unclaimed',
    );
    expect(events.map((e: { actor: string; data: { heldBy: string } }) => [e.actor, e.data.heldBy])).toEqual([
      ['sample.xh-leader', 'sample.xh-handler'],
      ['sample.xh-handler2', 'sample.xh-handler2'],
    ]);
  });

  it('refuses to claim a task that is no longer open (409 TASK_NOT_OPEN)', async () => {
    const { taskId } = await signTask();
    expect((await xh.post(`/api/tasks/${taskId}/complete`, { outcome: 'done' })).status).toBe(200);
    const late = await leader.post(`/api/tasks/${taskId}/claim`);
    expectProblem(late, 409, 'TASK_NOT_OPEN');
    expect((await xh.post('/api/tasks/00000000-0000-4000-8000-000000000000/claim')).status).toBe(404);
  });
});

describe('POST /api/tasks/:id/complete', () => {
  it("completes a task: 200 with the task, the order's new status and its open tasks", async () => {
    const { orderId, taskId } = await signTask();
    const res = await xh.post(`/api/tasks/${taskId}/complete`, { outcome: 'done' });
    expect(res.status).toBe(200);
    expect(res.body.task).toMatchObject({
      id: taskId,
      status: 'completed',
      outcome: 'done',
      completedBy: 'sample.xh-handler',
      remainingSeconds: null,
    });
    expect(res.body.order).toMatchObject({ id: orderId, status: 'in-progress' });
    expect(res.body.openTasks).toEqual([
      expect.objectContaining({ formKey: 'handle', unit: '新华区', status: 'open' }),
    ]);
  });

  it('lets exactly one of two people complete a task at once: one 200, one 409 TASK_NOT_OPEN', async () => {
    const { taskId } = await signTask();
    const results = await Promise.all([
      xh.post(`/api/tasks/${taskId}/complete`, { outcome: 'done' }),
      leader.post(`/api/tasks/${taskId}/complete`, { outcome: 'done' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('TASK_NOT_OPEN');
  });

  it('names each invalid field of the form (FORM_INVALID), an unknown outcome (OUTCOME_UNKNOWN) and a missing outcome', async () => {
    const { taskId } = await handleTask();
    const form = await xh.post(`/api/tasks/${taskId}/complete`, {
      outcome: 'reply',
      data: { result: '', informedBy: '邮件', color: 'red' },
    });
    expectProblem(form, 400, 'FORM_INVALID');
    expect(form.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'data.color',
      'data.informedAt',
      'data.informedBy',
      'data.result',
    ]);
    const outcome = await xh.post(`/api/tasks/${taskId}/complete`, { outcome: 'celebrate' });
    expectProblem(outcome, 400, 'OUTCOME_UNKNOWN');
    expect(outcome.body.errors).toEqual([
      expect.objectContaining({ path: 'outcome', message: expect.stringContaining('reply') }),
    ]);
    const missing = await xh.post(`/api/tasks/${taskId}/complete`, { data: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'body.outcome' })]);
  });

  it('refuses the names every object inherits as outcomes (400 OUTCOME_UNKNOWN naming the field) and changes nothing', async () => {
    const { orderId, taskId } = await handleTask();
    const before = { audit: await h.runtime.workOrders.auditOf(orderId), tasks: await h.runtime.workOrders.tasksOf(orderId), order: await h.runtime.workOrders.getOrder(orderId) };
    for (const outcome of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
      // JSON.parse: "__proto__" as an own key, as a client sends it
      const res = await xh.post(`/api/tasks/${taskId}/complete`, JSON.parse(`{"outcome":"${outcome}","data":{}}`) as object);
      expectProblem(res, 400, 'OUTCOME_UNKNOWN');
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'outcome', message: expect.stringContaining(`"${outcome}"`) })]);
    }
    expect(await h.runtime.workOrders.auditOf(orderId)).toEqual(before.audit);
    expect(await h.runtime.workOrders.tasksOf(orderId)).toEqual(before.tasks);
    expect(await h.runtime.workOrders.getOrder(orderId)).toEqual(before.order);
  });

  it('refuses a wrong role, another unit and another city (403) and an unknown task (404)', async () => {
    const { taskId } = await signTask();
    const byOperator = await op.post(`/api/tasks/${taskId}/complete`, { outcome: 'done' });
    expectProblem(byOperator, 403, 'ROLE_NOT_ALLOWED');
    const byWd = await (await h.login('sample.wd-handler')).post(`/api/tasks/${taskId}/complete`, { outcome: 'done' });
    expectProblem(byWd, 403, 'NOT_YOUR_UNIT');
    const byPds = await (
      await h.login('pingdingshan.xh-handler')
    ).post(`/api/tasks/${taskId}/complete`, { outcome: 'done' });
    expectProblem(byPds, 403, 'CITY_MISMATCH');
    const unknown = await xh.post('/api/tasks/00000000-0000-4000-8000-000000000000/complete', { outcome: 'done' });
    expectProblem(unknown, 404, 'TASK_NOT_FOUND');
  });

  it("answers a policy guard with 422 and its code (RETURN_WINDOW_CLOSED after signing's 24 hours)", async () => {
    const { taskId } = await handleTask();
    h.clock.advance(25 * 3_600_000);
    xh = await h.login('sample.xh-handler'); // sessions last 12 hours
    const res = await xh.post(`/api/tasks/${taskId}/complete`, {
      outcome: 'return',
      data: { reason: '不属于本单位职责' },
    });
    expectProblem(res, 422, 'RETURN_WINDOW_CLOSED');
  });
});
