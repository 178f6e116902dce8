/**
 * 并单 and the assessment (HK-11 重复办件率): an order merged into another counts once — as the
 * order it went into — and the repeat call it was stays a repeat there; a neighbour's call merged
 * is no repeat; undoing the merge gives the figures of two orders again. The dashboard and the
 * weekly report count it once too.
 */
import { toActor } from '../../src/auth/auth.service';
import { ApiHarness, Client, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(90_000);

let h: ApiHarness;
let op: Client;
let disp: Client;
let sup: Client;
const water = { city: 'haikou', category: 'complaint', channel: 'hotline', topic: '停水', location: { district: '龙华区', address: '龙华区龙昆南路某小区' } };
const WANG = { name: '王先生', phone: '13907560001' };

beforeAll(async () => {
  h = await openApiHarness('2026-10-08T09:00:00+08:00');
  [op, disp, sup] = await Promise.all([h.login('haikou.hk-op1'), h.login('haikou.hk-disp1'), h.login('haikou.hk-sup1')]);
});
afterAll(async () => {
  await h?.close();
});

async function repeatFigures(): Promise<Record<string, { base: number; hits: number }>> {
  const run = await sup.post('/api/assessments/haikou/runs', { period: '2026-10' });
  expect(run.status).toBe(201);
  const units = run.body.result.units as Array<{ unit: string; figures: Record<string, { base: number; hits: number }> }>;
  return Object.fromEntries(units.filter((u) => u.figures.repeatOrders).map((u) => [u.unit, { base: u.figures.repeatOrders!.base, hits: u.figures.repeatOrders!.hits }]));
}

/** The dashboard's intake of today and open orders, the weekly report's orders received this week. */
async function otherFigures(): Promise<{ intakeToday: number; open: number; weekReceived: number }> {
  const dashboard = await h.runtime.dashboard.figures('haikou');
  const actor = toActor((await h.runtime.auth.findUser('haikou.hk-sup1'))!);
  const week = await h.runtime.reports.weekly(actor, 'haikou', '2026-10-11');
  return { intakeToday: dashboard.intakeToday, open: dashboard.open, weekReceived: week.total.received };
}

it('counts a merged order once and its repeat call once; undone, two orders again', async () => {
  const first = (await op.post('/api/orders', { ...water, content: '小区停水两天无人处理', requester: WANG })).body.order;
  h.clock.advance(3 * 86_400_000);
  [op, disp, sup] = await Promise.all([h.login('haikou.hk-op1'), h.login('haikou.hk-disp1'), h.login('haikou.hk-sup1')]);
  const again = (await op.post('/api/orders', { ...water, channel: 'wechat', content: '还是没有来水，催促处理', requester: WANG })).body.order;
  expect(again.flags).toContain('repeat');
  await op.post('/api/orders', { ...water, topic: '噪音扰民', content: '楼下酒吧深夜音响扰民', requester: WANG });
  const neighbour = await op.post(`/api/orders/${first.id}/appeals`, { requester: { name: '陈女士', phone: '13907560002' }, channel: 'hotline', content: '同小区停水' });
  expect(neighbour.body.countedRepeat).toBe(false);

  // before the merge: as the scenario repeat-call-counted-in-rate counts them
  expect((await repeatFigures())['市水务局']).toEqual({ base: 2, hits: 1 });
  const before = await otherFigures();
  expect(before).toMatchObject({ intakeToday: 2, weekReceived: 3 });

  expect((await disp.post(`/api/orders/${again.id}/merge`, { into: first.id })).status).toBe(200);
  const merged = await repeatFigures();
  expect(merged['市水务局']).toEqual({ base: 1, hits: 1 });
  expect(merged['市生态环保局']).toEqual({ base: 1, hits: 0 });
  expect(await otherFigures()).toEqual({ intakeToday: 1, weekReceived: 2, open: before.open - 1 });

  expect((await disp.post(`/api/orders/${again.id}/unmerge`)).status).toBe(200);
  expect((await repeatFigures())['市水务局']).toEqual({ base: 2, hits: 1 });
  expect(await otherFigures()).toEqual(before);
});
