import { ApiHarness, Client, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(60_000);

let h: ApiHarness;
let op: Client;
beforeAll(async () => {
  h = await openApiHarness();
  op = await h.login('sample.op1');
});
afterAll(async () => {
  await h.close();
});

function expectProblem(res: { status: number; body: { code?: string } }, status: number, code: string): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
}

const PHONE = '13812345678';
const paths = (res: { body: { errors: Array<{ path: string }> } }) => res.body.errors.map((e) => e.path).sort();

function order(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    city: 'sample',
    category: 'complaint',
    channel: 'hotline',
    content: '小区门口路灯不亮已经一周',
    requester: { name: '张三', phone: PHONE },
    ...over,
  };
}

async function intake(
  over: Record<string, unknown> = {},
  client: Client = op,
): Promise<{ id: string; number: string }> {
  const res = await client.post('/api/orders', order(over));
  expect(res.status).toBe(201);
  return res.body.order;
}

describe('POST /api/orders', () => {
  it('records an order: 201 with its sign task at the routed unit, deadlines, and the requester masked', async () => {
    const res = await op.post('/api/orders', order());
    expect(res.status).toBe(201);
    expect(res.body.order).toMatchObject({
      city: 'sample',
      status: 'dispatched',
      leadUnit: '新华区',
      requester: { name: '张*', phone: '138****5678' },
    });
    expect(res.body.order.number).toMatch(/^SMP-20260302-\d{6}$/);
    expect(res.body.requesterVisible).toBe(true);
    expect(res.body.tasks).toEqual([
      expect.objectContaining({ formKey: 'sign', unit: '新华区', status: 'open', assignee: null }),
    ]);
    expect(res.body.deadlines).toMatchObject({ provisional: false, overdue: false, dueAt: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toContain(PHONE);
  });

  it('refuses a handler (403 ROLE_NOT_ALLOWED) and an order for another city (403 CITY_MISMATCH)', async () => {
    const handler = await h.login('sample.xh-handler');
    const byHandler = await handler.post('/api/orders', order());
    expectProblem(byHandler, 403, 'ROLE_NOT_ALLOWED');
    const otherCity = await op.post('/api/orders', order({ city: 'pingdingshan', category: 'B' }));
    expectProblem(otherCity, 403, 'CITY_MISMATCH');
  });

  it('names each invalid field, of the request and of the policy', async () => {
    const malformed = await op.post('/api/orders', order({ content: '', requester: { name: '张三', phone: '12345' } }));
    expect(malformed.status).toBe(400);
    expect(paths(malformed)).toEqual(['body.content', 'body.requester.phone']);
    const unknown = await op.post('/api/orders', order({ category: 'gossip' }));
    expectProblem(unknown, 400, 'INTAKE_INVALID');
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ path: 'category', message: expect.stringContaining('complaint') }),
    ]);
  });

  it('records an immediate answer, a not-accepted order and a transfer (huizhou)', async () => {
    const hz = await h.login('huizhou.hz-op1');
    const requester = { name: '李四', phone: '13900001111' };
    const post = (over: object) =>
      hz.post('/api/orders', { city: 'huizhou', channel: 'hotline', content: '询问', requester, ...over });
    const cases: Array<[object, string]> = [
      [{ category: 'consultation', mode: 'answer', answer: '携带身份证到服务大厅办理' }, 'answered'],
      [{ category: 'complaint', mode: 'not-accepted', reason: 'outside-jurisdiction' }, 'not-accepted'],
      [{ category: 'help', mode: 'transfer', transferTo: 'fire119' }, 'transferred'],
    ];
    for (const [over, status] of cases) {
      const res = await post(over);
      expect([res.status, res.body.order.status]).toEqual([201, status]);
    }
    const noReason = await post({ category: 'complaint', mode: 'not-accepted' });
    expect([noReason.status, paths(noReason)]).toEqual([400, ['reason']]);
  });

  it('refuses a barred caller (422 CALLER_BLOCKED) with the date and reason in `details`, as the OpenAPI document says', async () => {
    const now = h.clock.now();
    const until = new Date(now.getTime() + 10 * 86_400_000);
    await h.runtime.uow.run((repos) =>
      repos.blocks.insert({ city: 'huizhou', phone: '13811119999', reason: '骚扰热线', orderId: null, blockedBy: 'huizhou.hz-disp1', blockedAt: now, until }),
    );
    const hz = await h.login('huizhou.hz-op1');
    const res = await hz.post('/api/orders', { city: 'huizhou', category: 'complaint', channel: 'hotline', content: '再次来电', requester: { name: '赵六', phone: '13811119999' } });
    expectProblem(res, 422, 'CALLER_BLOCKED');
    expect(res.body.details).toEqual({ until: until.toISOString(), reason: '骚扰热线' });
  });

  it('is idempotent with an Idempotency-Key: the same body again returns the first order, another body is refused', async () => {
    const body = order({ content: '重复提交测试' });
    const first = await op.post('/api/orders', body).set('Idempotency-Key', 'key-1');
    expect(first.status).toBe(201);
    const again = await op.post('/api/orders', { ...body }).set('Idempotency-Key', 'key-1');
    expect(again.status).toBe(200);
    expect(again.body.order.id).toBe(first.body.order.id);
    const other = await op.post('/api/orders', order({ content: '另一件事' })).set('Idempotency-Key', 'key-1');
    expectProblem(other, 422, 'IDEMPOTENCY_KEY_REUSED');
    const disp = await h.login('sample.disp1');
    const sameKeyOtherUser = await disp.post('/api/orders', body).set('Idempotency-Key', 'key-1');
    expect(sameKeyOtherUser.status).toBe(201);
    expect(sameKeyOtherUser.body.order.id).not.toBe(first.body.order.id);
    const bad = await op.post('/api/orders', body).set('Idempotency-Key', 'has spaces in it');
    expect([bad.status, paths(bad)]).toEqual([400, ['headers.idempotency-key']]);
  });

  it('creates one order for a double click: two concurrent requests with one key', async () => {
    const body = order({ content: '并发双击测试' });
    const [a, b] = await Promise.all([
      op.post('/api/orders', body).set('Idempotency-Key', 'double-click'),
      op.post('/api/orders', body).set('Idempotency-Key', 'double-click'),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.order.id).toBe(b.body.order.id);
    const found = await op.get(`/api/orders?q=${encodeURIComponent('并发双击测试')}`);
    expect(found.body.total).toBe(1);
  });
});

describe('GET /api/orders/:id, timeline and requester', () => {
  let xh: { id: string; number: string };
  beforeAll(async () => {
    xh = await intake({ content: '新华区噪音扰民，电话 13812345678 随时联系' });
  });

  it('shows the order, its tasks and deadlines to the centre and the handling unit, requester masked', async () => {
    for (const username of ['sample.op1', 'sample.xh-handler', 'sample.xh-leader']) {
      const res = await (await h.login(username)).get(`/api/orders/${xh.id}`);
      expect(res.status).toBe(200);
      expect(res.body.order.requester).toEqual({ name: '张*', phone: '138****5678' });
      expect(res.body.requesterVisible).toBe(true);
      expect(res.body.tasks[0]).toMatchObject({
        formKey: 'sign',
        unit: '新华区',
        remainingSeconds: expect.any(Number),
      });
    }
  });

  it('masks the requester for an auditor, who may read but not unmask (403 REQUESTER_NOT_VISIBLE)', async () => {
    const auditor = await h.login('sample.audit1');
    const res = await auditor.get(`/api/orders/${xh.id}`);
    expect(res.status).toBe(200);
    expect(res.body.order.requester).toEqual({ name: '张*', phone: '138****5678' });
    expect(res.body.requesterVisible).toBe(false);
    const unmask = await auditor.get(`/api/orders/${xh.id}/requester`);
    expectProblem(unmask, 403, 'REQUESTER_NOT_VISIBLE');
  });

  it('refuses another unit of the city (403 ORDER_NOT_VISIBLE) and hides the order from another city (404)', async () => {
    const wd = await h.login('sample.wd-handler');
    for (const path of [`/api/orders/${xh.id}`, `/api/orders/${xh.id}/timeline`, `/api/orders/${xh.id}/requester`]) {
      const res = await wd.get(path);
      expectProblem(res, 403, 'ORDER_NOT_VISIBLE');
    }
    const pds = await h.login('pingdingshan.pds-op1');
    for (const path of [`/api/orders/${xh.id}`, `/api/orders/${xh.id}/timeline`, `/api/orders/${xh.id}/requester`]) {
      const res = await pds.get(path);
      expectProblem(res, 404, 'ORDER_NOT_FOUND');
    }
    expect((await op.get('/api/orders/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const notAnId = await op.get('/api/orders/abc');
    expect([notAnId.status, paths(notAnId)]).toEqual([400, ['params.id']]);
  });

  it('shows the requester in full to the handling unit and audits every view; the timeline never shows a phone number', async () => {
    const handler = await h.login('sample.xh-handler');
    const res = await handler.get(`/api/orders/${xh.id}/requester`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: '张三', phone: PHONE });
    expect(res.headers['cache-control']).toBe('no-store');
    const timeline = await op.get(`/api/orders/${xh.id}/timeline`);
    expect(timeline.status).toBe(200);
    const types = timeline.body.items.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['order.created', 'task.created', 'requester.viewed']));
    const viewed = timeline.body.items.find((e: { type: string }) => e.type === 'requester.viewed');
    expect(viewed).toMatchObject({
      actor: 'sample.xh-handler',
      at: '2026-03-02T01:00:00.000Z',
      data: { number: xh.number, unit: '新华区' },
    });
    expect(JSON.stringify(timeline.body)).not.toContain(PHONE);
  });

  it('shows an order below a county to that county (pingdingshan: 宝丰县 sees 马街村), not to a sibling district', async () => {
    const pdsOp = await h.login('pingdingshan.pds-op1');
    const requester = { name: '欧阳娜娜', phone: '13700002222' };
    const body = {
      city: 'pingdingshan',
      category: 'B',
      channel: 'hotline',
      content: '村道破损',
      requester,
      leadUnit: '马街村',
    };
    const created = await pdsOp.post('/api/orders', body);
    expect(created.status).toBe(201);
    const county = await h.login('pingdingshan.bf-handler');
    const detail = await county.get(`/api/orders/${created.body.order.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.order.requester).toEqual({ name: '欧***', phone: '137****2222' });
    const list = await county.get('/api/orders');
    expect(list.body.items.map((o: { id: string }) => o.id)).toContain(created.body.order.id);
    const sibling = await h.login('pingdingshan.wd-handler');
    expect((await sibling.get(`/api/orders/${created.body.order.id}`)).status).toBe(403);
    expect((await op.get(`/api/orders/${created.body.order.id}`)).status).toBe(404);
  });
});

describe('GET /api/orders', () => {
  let wd: { id: string; number: string };
  let urgent: { id: string; number: string };
  beforeAll(async () => {
    const district = { district: '卫东区' };
    wd = await intake({ category: 'help', content: '卫东区下水道堵塞 100%_满', location: district, topic: '市政设施' });
    urgent = await intake({ category: 'urgent', content: '燃气泄漏紧急' });
  });

  const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((o) => o.id);

  it('lists the whole city for the centre, newest first, requester masked and content cut to a title', async () => {
    const res = await op.get('/api/orders?pageSize=100');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 100, total: res.body.items.length });
    expect(ids(res)).toEqual(expect.arrayContaining([wd.id, urgent.id]));
    const created = res.body.items.map((o: { createdAt: string }) => o.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
    for (const item of res.body.items) {
      expect(item.requester.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
      expect(item).not.toHaveProperty('content');
    }
    expect(JSON.stringify(res.body)).not.toContain(PHONE);
    const paged = await op.get('/api/orders?pageSize=1&page=2');
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.total).toBe(res.body.total);
  });

  it('filters by status, category, unit, overdue, due before and text', async () => {
    expect(ids(await op.get('/api/orders?category=help&pageSize=100'))).toEqual([wd.id]);
    expect(ids(await op.get(`/api/orders?unit=${encodeURIComponent('卫东区')}`))).toEqual([wd.id]);
    expect(ids(await op.get('/api/orders?status=dispatched&pageSize=100'))).toEqual(
      expect.arrayContaining([wd.id, urgent.id]),
    );
    expect(ids(await op.get('/api/orders?status=closed'))).toEqual([]);
    expect(ids(await op.get('/api/orders?dueBefore=2026-03-02T12:00:00%2B08:00'))).toEqual([urgent.id]);
    expect(ids(await op.get(`/api/orders?q=${encodeURIComponent('市政')}`))).toEqual([wd.id]);
    expect(ids(await op.get(`/api/orders?q=${encodeURIComponent(wd.number)}`))).toEqual([wd.id]);
    expect(ids(await op.get(`/api/orders?q=${encodeURIComponent('100%_满')}`))).toEqual([wd.id]);
    expect(ids(await op.get(`/api/orders?q=${encodeURIComponent('%')}`))).toEqual([wd.id]);
    expect(ids(await op.get('/api/orders?overdue=true'))).toEqual([]);
    h.clock.advance(31 * 60_000);
    expect(ids(await op.get('/api/orders?overdue=true'))).toEqual([urgent.id]);
    expect(ids(await op.get('/api/orders?overdue=false&pageSize=100'))).not.toContain(urgent.id);
  });

  it('returns normally for SQL-injection strings in every search field', async () => {
    const evil = ["' OR 1=1 --", "'; DROP TABLE work_orders; --", '" OR ""="', '\\', "%' OR '%'='"];
    for (const text of evil) {
      for (const field of ['q', 'category', 'unit']) {
        const res = await op.get(`/api/orders?${field}=${encodeURIComponent(text)}`);
        expect(res.status).toBe(200);
        expect(res.body.items).toEqual([]);
      }
    }
    expect((await op.get('/api/orders?pageSize=100')).body.total).toBeGreaterThan(2);
  });

  it("shows a unit only its own orders, and refuses another city's list (403) and malformed filters (400)", async () => {
    const wdHandler = await h.login('sample.wd-handler');
    const mine = await wdHandler.get('/api/orders?pageSize=100');
    expect(ids(mine)).toEqual([wd.id]);
    expect(mine.body.items[0].requester).toEqual({ name: '张*', phone: '138****5678' });
    expect(ids(await wdHandler.get(`/api/orders?unit=${encodeURIComponent('新华区')}`))).toEqual([]);
    const auditor = await h.login('sample.audit1');
    expect((await auditor.get('/api/orders?pageSize=100')).body.total).toBe(
      (await op.get('/api/orders?pageSize=100')).body.total,
    );
    const other = await op.get('/api/orders?city=pingdingshan');
    expectProblem(other, 403, 'CITY_MISMATCH');
    const bad = await op.get('/api/orders?status=lost&overdue=maybe&pageSize=1000&dueBefore=tomorrow&color=red');
    expect(bad.status).toBe(400);
    expect(paths(bad)).toEqual(['query.color', 'query.dueBefore', 'query.overdue', 'query.pageSize', 'query.status']);
  });
});
