/**
 * 并单处理 (issue 13 point 5) through the API, on the embedded database and on PostgreSQL alike:
 * the intake's caller history (centre roles only; the number matched exactly on its digits),
 * a call merged into an open order, an order merged into another and the merge undone, each
 * refusal naming its field with nothing changed, and HK-11: the merged order counts once and a
 * repeat call merged stays a repeat.
 */
import { ApiHarness, Client, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(90_000);

let h: ApiHarness;
let op: Client;
let disp: Client;
const WANG = { name: '王先生', phone: '13907560001' };
const water = { city: 'haikou', category: 'complaint', channel: 'hotline', topic: '停水', location: { district: '龙华区', address: '龙华区龙昆南路某小区' } };
const intake = async (client: Client, o: Record<string, unknown>) => {
  const res = await client.post('/api/orders', { ...water, content: '小区停水两天无人处理', requester: WANG, ...o });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.order as { id: string; number: string };
};
const orderOf = async (id: string) => (await disp.get(`/api/orders/${id}`)).body as { order: { status: string; flags: string[]; closedAt: string | null }; tasks: Array<{ status: string }> };

beforeAll(async () => {
  h = await openApiHarness('2026-10-08T09:00:00+08:00');
  op = await h.login('haikou.hk-op1');
  disp = await h.login('haikou.hk-disp1');
});
afterAll(async () => {
  await h?.close();
});

describe('the caller history at intake', () => {
  let first: { id: string; number: string };
  beforeAll(async () => {
    first = await intake(op, {});
  });

  it("finds the caller's earlier order by the number's digits, and open orders on the matter nearby", async () => {
    const typed = await op.get(`/api/intake/related?phone=${encodeURIComponent('+86 139-0756-0001')}`);
    expect(typed.status).toBe(200);
    expect(typed.body.byPhone).toEqual([expect.objectContaining({ id: first.id, number: first.number, status: 'dispatched', unit: '市水务局', open: true, title: '小区停水两天无人处理' })]);
    // exact, not a piece of the number, not a neighbour's
    expect((await op.get('/api/intake/related?phone=1390756')).body.byPhone).toEqual([]);
    expect((await op.get('/api/intake/related?phone=13907560002')).body.byPhone).toEqual([]);
    const near = await op.get(`/api/intake/related?phone=13907560002&district=${encodeURIComponent('龙华区')}&topic=${encodeURIComponent('停水')}&address=${encodeURIComponent('龙昆南路某小区3栋')}`);
    expect(near.body.nearby.map((o: { id: string }) => o.id)).toEqual([first.id]);
    const far = await op.get(`/api/intake/related?district=${encodeURIComponent('龙华区')}&topic=${encodeURIComponent('停水')}&address=${encodeURIComponent('滨海大道')}`);
    expect(far.body.nearby).toEqual([]);
  });

  it('is for the centre only: a unit and a supervisor are refused', async () => {
    for (const who of ['haikou.sw-handler', 'haikou.hk-sup1', 'haikou.hk-audit1']) {
      const res = await (await h.login(who)).get('/api/intake/related?phone=13907560001');
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ROLE_NOT_ALLOWED');
    }
    expect((await disp.get('/api/intake/related?phone=13907560001')).status).toBe(200);
  });

  it('merges a call into the open order: the order gains the requester and the appeal, its unit sees it, the return visit calls both', async () => {
    const res = await op.post(`/api/orders/${first.id}/appeals`, { requester: { name: '陈女士', phone: '13907560002' }, channel: 'wechat', content: '同小区也停水了' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ orderId: first.id, sourceOrderId: null, requester: { name: '陈**', phone: '139****0002' }, content: '同小区也停水了', countedRepeat: false });
    const unit = await h.login('haikou.sw-handler');
    const seen = await unit.get(`/api/orders/${first.id}/appeals`);
    expect(seen.body.appeals).toEqual([expect.objectContaining({ content: '同小区也停水了', channel: 'wechat', undoable: false })]);
    const callers = await unit.get(`/api/orders/${first.id}/callers`);
    expect(callers.body.items.map((c: { phone: string }) => c.phone)).toEqual(['13907560001', '13907560002']);
    // the merged caller's later calls find the order too
    expect((await op.get('/api/intake/related?phone=13907560002')).body.byPhone.map((o: { id: string }) => o.id)).toEqual([first.id]);
    expect((await op.get(`/api/orders/${first.id}/timeline`)).body.items.map((e: { type: string }) => e.type)).toContain('order.appeal-added');
  });
});

describe('merging an order into another, and undoing it', () => {
  it('merges an order just recorded into the earlier open one, refuses it twice, and undoes it while both are open', async () => {
    const earlier = await intake(op, { requester: { name: '李先生', phone: '13907561111' } });
    const again = await intake(op, { requester: { name: '李先生', phone: '13907561111' }, channel: 'wechat', content: '还是没有来水' });
    const merged = await disp.post(`/api/orders/${again.id}/merge`, { into: earlier.id });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ orderId: earlier.id, sourceOrderId: again.id, content: '还是没有来水', countedRepeat: true });
    const source = await orderOf(again.id);
    expect(source.order).toMatchObject({ status: 'cancelled', flags: expect.arrayContaining(['merged', 'repeat']) });
    expect(source.tasks.every((t) => t.status !== 'open')).toBe(true);
    // the repeat call (HK-11) is counted on the order it went into
    expect((await orderOf(earlier.id)).order.flags).toContain('repeat');

    const twice = await disp.post(`/api/orders/${again.id}/merge`, { into: earlier.id });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'ORDER_ALREADY_MERGED', details: { field: 'id' } });
    // a task of the merged order cannot be done
    const unit = await h.login('haikou.sw-handler');
    expect((await unit.get(`/api/orders/${again.id}/appeals`)).body.mergedInto).toEqual({ id: earlier.id, number: earlier.number });

    expect((await op.post(`/api/orders/${again.id}/unmerge`)).status).toBe(403);
    const undone = await disp.post(`/api/orders/${again.id}/unmerge`);
    expect(undone.status).toBe(200);
    const back = await orderOf(again.id);
    expect(back.order).toMatchObject({ status: 'dispatched', closedAt: null });
    expect(back.order.flags).not.toContain('merged');
    expect(back.tasks.some((t) => t.status === 'open')).toBe(true);
    expect((await orderOf(earlier.id)).order.flags).not.toContain('repeat');
    expect((await disp.get(`/api/orders/${earlier.id}/appeals`)).body.appeals).toEqual([]);
    expect((await disp.post(`/api/orders/${again.id}/unmerge`)).body).toMatchObject({ code: 'MERGE_NOT_IN_FORCE', details: { field: 'id' } });
    const types = (await disp.get(`/api/orders/${again.id}/timeline`)).body.items.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['order.merged', 'order.merge-undone']));
  });

  it('refuses with the field named and changes nothing: two cities, into or of a closed order, a unit user', async () => {
    const open = await intake(op, { requester: { name: '赵女士', phone: '13907562222' } });
    const closed = await intake(op, { requester: { name: '赵女士', phone: '13907562222' }, category: 'consultation', mode: 'answer', answer: '已告知临时供水点' });
    const sampleOp = await h.login('sample.op1');
    const elsewhere = (await sampleOp.post('/api/orders', { city: 'sample', category: 'help', channel: 'hotline', content: '路灯不亮', requester: WANG })).body.order;
    const before = await orderOf(open.id);

    const cities = await disp.post(`/api/orders/${open.id}/merge`, { into: elsewhere.id });
    expect(cities.status).toBe(422);
    expect(cities.body).toMatchObject({ code: 'MERGE_CITY_MISMATCH', details: { field: 'into' } });
    const intoClosed = await disp.post(`/api/orders/${open.id}/merge`, { into: closed.id });
    expect(intoClosed.body).toMatchObject({ code: 'MERGE_TARGET_CLOSED', details: { field: 'into' } });
    const ofClosed = await disp.post(`/api/orders/${closed.id}/merge`, { into: open.id });
    expect(ofClosed.body).toMatchObject({ code: 'MERGE_SOURCE_CLOSED', details: { field: 'id' } });
    const callIntoClosed = await op.post(`/api/orders/${closed.id}/appeals`, { requester: WANG, channel: 'hotline', content: '再问一次' });
    expect(callIntoClosed.body).toMatchObject({ code: 'MERGE_TARGET_CLOSED', details: { field: 'id' } });
    const unit = await h.login('haikou.sw-handler');
    expect((await unit.post(`/api/orders/${open.id}/merge`, { into: closed.id })).body.code).toBe('ROLE_NOT_ALLOWED');
    expect((await unit.post(`/api/orders/${open.id}/appeals`, { requester: WANG, channel: 'hotline', content: 'x' })).status).toBe(403);
    const bad = await op.post(`/api/orders/${open.id}/appeals`, { requester: { name: '王', phone: '12' }, channel: 'hotline', content: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.requester.phone', 'body.content']));

    expect(await orderOf(open.id)).toEqual(before);
    expect((await disp.get(`/api/orders/${open.id}/appeals`)).body.appeals).toEqual([]);
    expect((await disp.get(`/api/orders/${closed.id}/appeals`)).body.appeals).toEqual([]);
  });

  it("an operator merges only the order they recorded just now; other orders are the dispatchers'", async () => {
    const a = await intake(op, { requester: { name: '钱先生', phone: '13907563333' } });
    const b = await intake(op, { requester: { name: '钱先生', phone: '13907563333' } });
    const other = await h.login('haikou.hk-op2');
    expect((await other.post(`/api/orders/${b.id}/merge`, { into: a.id })).body.code).toBe('ROLE_NOT_ALLOWED');
    expect((await op.post(`/api/orders/${b.id}/merge`, { into: a.id })).status).toBe(200);
  });
});
