/** GET /api/routing/{city}: the intake's routing before the order exists (precedent DZ-4, then the table). */
import { ApiHarness, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(60_000);

let h: ApiHarness;
beforeAll(async () => {
  h = await openApiHarness();
});
afterAll(async () => {
  await h.close();
});

const query = (q: Record<string, string>) => new URLSearchParams({ category: 'complaint', channel: 'hotline', ...q }).toString();

it('suggests the routing table\'s unit, or none, as the intake would route', async () => {
  const op = await h.login('dazhu.dz-op1');
  const byDistrict = await op.get(`/api/routing/dazhu?${query({ district: '竹阳街道' })}`);
  expect([byDistrict.status, byDistrict.body]).toEqual([200, { leadUnit: '竹阳街道', coUnits: [], source: 'routing' }]);
  const withCo = await op.get(`/api/routing/dazhu?${query({ topic: '餐饮油烟扰民' })}`);
  expect(withCo.body).toEqual({ leadUnit: '县综合行政执法局', coUnits: ['县生态环境局'], source: 'routing' });
});

it("suggests a topic's precedent over the table, and the intake routes the same way", async () => {
  await h.runtime.uow.run((repos) =>
    repos.precedents.upsert({ city: 'dazhu', topic: '小区充电桩', unit: '县住房和城乡建设局', orderId: null, setBy: 'dazhu.dz-gov-sup', setAt: h.clock.now() }),
  );
  const op = await h.login('dazhu.dz-op1');
  const res = await op.get(`/api/routing/dazhu?${query({ topic: '小区充电桩', district: '竹阳街道' })}`);
  expect(res.body).toEqual({ leadUnit: '县住房和城乡建设局', coUnits: [], source: 'precedent' });
  const order = await op.post('/api/orders', {
    city: 'dazhu', category: 'complaint', channel: 'hotline', topic: '小区充电桩', location: { district: '竹阳街道' },
    content: '小区充电桩长期损坏', requester: { name: '钱十', phone: '13600001111' },
  });
  expect(order.body.order.leadUnit).toBe(res.body.leadUnit);
});

it('is for those who record orders of the city, and names bad input', async () => {
  const handler = await h.login('dazhu.zy-handler');
  expect((await handler.get(`/api/routing/dazhu?${query({})}`)).body.code).toBe('ROLE_NOT_ALLOWED');
  const op = await h.login('dazhu.dz-op1');
  expect((await op.get(`/api/routing/sample?${query({})}`)).body.code).toBe('CITY_MISMATCH');
  const bad = await op.get('/api/routing/dazhu?channel=hotline&x=1');
  expect([bad.status, bad.body.errors.map((e: { path: string }) => e.path).sort()]).toEqual([400, ['query.category', 'query.x']]);
});
