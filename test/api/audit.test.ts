import type { WorkOrder } from '../../src/engine/ports';
import type { Actor } from '../../src/engine/work-order/actor';
import { ApiHarness, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(60_000);

interface Event {
  id: number;
  orderId: string | null;
  city: string;
  type: string;
  actor: string;
  at: string;
}

const sampleOp: Actor = { id: 'sample.op1', name: '王话务', city: 'sample', role: 'operator', unit: '示例市12345热线中心' };
const huizhouOp: Actor = { id: 'huizhou.hz-op1', name: '陈话务', city: 'huizhou', role: 'operator', unit: '惠州市12345热线管理机构' };
const help = (city: string) => ({ city, category: 'help', channel: 'hotline', content: '路灯不亮', requester: { name: '张三', phone: '13812340000' } });

let h: ApiHarness;
let first: WorkOrder;
let second: WorkOrder;
let between: string;
beforeAll(async () => {
  h = await openApiHarness();
  first = await h.runtime.workOrders.intake(sampleOp, help('sample'));
  h.clock.advance(3_600_000);
  between = h.clock.now().toISOString();
  h.clock.advance(3_600_000);
  second = await h.runtime.workOrders.intake(sampleOp, help('sample'));
  await h.runtime.workOrders.intake(huizhouOp, { ...help('huizhou'), category: 'complaint' });
});
afterAll(async () => {
  await h.close();
});

describe('the audit log', () => {
  it("gives administrators, supervisors and auditors their city's events, newest first", async () => {
    for (const username of ['sample.admin1', 'sample.audit1', 'huizhou.hz-sup1']) {
      const client = await h.login(username);
      const res = await client.get('/api/audit');
      expect(res.status).toBe(200);
      const city = username.split('.')[0];
      const items = res.body.items as Event[];
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((e) => e.city === city)).toBe(true);
      expect(items.map((e) => e.at)).toEqual([...items.map((e) => e.at)].sort().reverse());
      expect(res.body).toMatchObject({ page: 1, pageSize: 20, total: expect.any(Number) });
    }
  });

  it('filters by order, actor, type (exact or a prefix) and time, and pages', async () => {
    const admin = await h.login('sample.admin1');
    const byOrder = (await admin.get(`/api/audit?orderId=${first.id}`)).body.items as Event[];
    expect(byOrder.length).toBeGreaterThan(1);
    expect(byOrder.every((e) => e.orderId === first.id)).toBe(true);
    const byActor = (await admin.get('/api/audit?actor=sample.op1')).body.items as Event[];
    expect(byActor.map((e) => [e.orderId, e.type])).toEqual([[second.id, 'order.created'], [first.id, 'order.created']]);
    const created = (await admin.get('/api/audit?type=order.created')).body;
    expect(created.total).toBe(2);
    const tasks = (await admin.get('/api/audit?type=task.*')).body.items as Event[];
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((e) => e.type.startsWith('task.'))).toBe(true);
    const later = (await admin.get(`/api/audit?from=${encodeURIComponent(between)}`)).body.items as Event[];
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((e) => e.orderId === second.id)).toBe(true);
    const earlier = (await admin.get(`/api/audit?to=${encodeURIComponent(between)}&type=order.created`)).body.items as Event[];
    expect(earlier.map((e) => e.orderId)).toEqual([first.id]);
    const page2 = await admin.get('/api/audit?type=order.created&page=2&pageSize=1');
    expect(page2.body).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [expect.objectContaining({ orderId: first.id })] });
  });

  it('shows only the caller city: another city is 403 CITY_MISMATCH, another city\'s order finds nothing', async () => {
    const other = await h.login('huizhou.hz-admin1');
    const res = await other.get('/api/audit?city=sample');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CITY_MISMATCH');
    const theirs = await other.get(`/api/audit?orderId=${first.id}`);
    expect(theirs.status).toBe(200);
    expect(theirs.body).toMatchObject({ items: [], total: 0 });
  });

  it('refuses roles that do not read the whole log, and names malformed filters', async () => {
    for (const username of ['sample.op1', 'sample.xh-handler']) {
      const res = await (await h.login(username)).get('/api/audit');
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ROLE_NOT_ALLOWED');
    }
    const admin = await h.login('sample.admin1');
    const bad = await admin.get('/api/audit?orderId=42&from=yesterday&pageSize=1000');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.from', 'query.orderId', 'query.pageSize']);
    const unknown = await admin.get('/api/audit?user=x');
    expect(unknown.status).toBe(400);
    const injection = await admin.get(`/api/audit?actor=${encodeURIComponent("x' OR '1'='1")}`);
    expect(injection.status).toBe(200);
    expect(injection.body.total).toBe(0);
  });
});
