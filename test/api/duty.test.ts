import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadSampleRota, SampleRotaSchema } from '../../src/engine/duty/rota-sample';
import { ApiHarness, Client, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(90_000);

/** Asia/Shanghai local time as an instant. */
const at = (local: string) => new Date(`${local}+08:00`);

let h: ApiHarness;
let disp: Client;
let gaHandler: Client;
let xyHandler: Client;
let auditor: Client;
let pdsDisp: Client;

/** Moves the clock (sessions last 12 hours) and logs everyone in again. */
async function moveTo(local: string): Promise<void> {
  h.clock.set(at(local));
  const c = await Promise.all(
    ['haikou.hk-disp1', 'haikou.ga-handler', 'haikou.xy-handler', 'haikou.hk-audit1', 'pingdingshan.pds-disp1'].map((u) => h.login(u)),
  );
  [disp, gaHandler, xyHandler, auditor, pdsDisp] = [c[0]!, c[1]!, c[2]!, c[3]!, c[4]!];
}

beforeAll(async () => {
  h = await openApiHarness('2026-03-20T10:00:00+08:00');
  await moveTo('2026-03-20T10:00:00');
});
afterAll(async () => {
  await h.close();
});

const entry = (date: string, unit: string, person: string, role: 'head' | 'deputy', reason?: string) => ({ date, unit, person, role, ...(reason ? { reason } : {}) });

describe('the duty rota of Haikou (HK-9, HK-10)', () => {
  it('the centre drafts April; units, other cities and bad input are refused, each field named', async () => {
    expect((await disp.post('/api/duty/haikou/rota/entries', entry('2026-04-11', '市公安局', '周国平', 'head'))).status).toBe(201);
    expect((await disp.post('/api/duty/haikou/rota/entries', entry('2026-04-11', '市公安局', '陈志勇', 'deputy'))).status).toBe(201);
    expect((await disp.post('/api/duty/haikou/rota/entries', entry('2026-04-12', '市交通港航局', '交通港航局主要负责人', 'head'))).status).toBe(201);

    const byUnit = await gaHandler.post('/api/duty/haikou/rota/entries', entry('2026-04-13', '海口供电局', '郑卫东', 'head'));
    expect([byUnit.status, byUnit.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    const otherCity = await pdsDisp.post('/api/duty/haikou/rota/entries', entry('2026-04-13', '海口供电局', '郑卫东', 'head'));
    expect([otherCity.status, otherCity.body.code]).toEqual([403, 'CITY_MISMATCH']);

    const bad = await disp.post('/api/duty/haikou/rota/entries', { date: '2026-04-31', unit: '', role: 'boss' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.date', 'body.person', 'body.role', 'body.unit']);
    const unknown = await disp.post('/api/duty/haikou/rota/entries', entry('2026-04-13', '市不存在局', '某人', 'head'));
    expect([unknown.status, unknown.body.code, unknown.body.errors[0].path]).toEqual([400, 'DUTY_UNIT_UNKNOWN', 'unit']);

    const taken = await disp.post('/api/duty/haikou/rota/entries', entry('2026-04-11', '市住建局', '陈建华', 'head'));
    expect([taken.status, taken.body.code]).toEqual([422, 'DUTY_DAY_TAKEN']);
    expect(taken.body.details).toMatchObject({ rule: 'HK-9' }); // the rule in the details, the words in Chinese
    expect(taken.body.detail).toContain('2026年4月11日的值班单位');
    const twoHeads = await disp.post('/api/duty/haikou/rota/entries', entry('2026-04-11', '市公安局', '另一人', 'head'));
    expect(twoHeads.body.code).toBe('DUTY_HEAD_EXISTS');
  });

  it('a draft is shown to the centre only; publishing needs a 主要负责人 each day, once', async () => {
    const unitView = (await xyHandler.get('/api/duty/haikou/rota/2026-04')).body;
    expect(unitView).toMatchObject({ status: 'draft', visible: false });
    expect(unitView.days.every((d: { entries: unknown[] }) => d.entries.length === 0)).toBe(true);
    const centreView = (await disp.get('/api/duty/haikou/rota/2026-04')).body;
    expect(centreView.days.find((d: { date: string }) => d.date === '2026-04-11')).toMatchObject({ unit: '市公安局', entries: [{ person: '周国平', role: 'head' }, { person: '陈志勇', role: 'deputy' }] });

    const deputyOnly = await disp.post('/api/duty/haikou/rota/entries', entry('2026-04-13', '海口供电局', '郑卫东', 'deputy'));
    const headless = await disp.post('/api/duty/haikou/rota/2026-04/publish');
    expect([headless.status, headless.body.code]).toEqual([422, 'DUTY_HEAD_MISSING']);
    expect(headless.body.detail).toContain('2026年4月13日');
    expect((await disp.post(`/api/duty/haikou/rota/entries/${deputyOnly.body.id as string}/remove`, {})).status).toBe(200);

    const published = await disp.post('/api/duty/haikou/rota/2026-04/publish');
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', publishedBy: 'haikou.hk-disp1', publishBy: '2026-04-01T00:30:00.000Z' });
    expect(published.body.uncovered).toHaveLength(28);
    expect((await disp.post('/api/duty/haikou/rota/2026-04/publish')).status).toBe(409);
    expect((await xyHandler.get('/api/duty/haikou/rota/2026-04')).body.visible).toBe(true);
  });

  it('a published month changes only with a reason, audited', async () => {
    const noReason = await disp.post('/api/duty/haikou/rota/entries', entry('2026-04-12', '市交通港航局', '交通港航局分管领导', 'deputy'));
    expect([noReason.status, noReason.body.code, noReason.body.errors[0].path]).toEqual([400, 'DUTY_CHANGE_REASON_REQUIRED', 'reason']);
    const withReason = await disp.post('/api/duty/haikou/rota/entries', entry('2026-04-12', '市交通港航局', '交通港航局分管领导', 'deputy', '主要负责人下午参加会议'));
    expect(withReason.status).toBe(201);
    const admin = await h.login('haikou.hk-admin1');
    const events = (await admin.get('/api/audit?type=duty.*')).body.items as Array<{ type: string; data: Record<string, unknown> }>;
    expect(events[0]).toMatchObject({ type: 'duty.rota.entry-added', data: { published: true, reason: '主要负责人下午参加会议', person: '交通港航局分管领导' } });
    expect(events.map((e) => e.type)).toContain('duty.rota.published');
  });

});

describe('the sample rota (the seed\'s April list)', () => {
  it('puts 4/11 市公安局 … 4/30 市国税局 on June with their 主要负责人 and publishes it', async () => {
    const sample = SampleRotaSchema.parse(parse(readFileSync('samples/haikou-duty-rota.yaml', 'utf8')));
    const actor = { id: 'duty-sample', name: '示例数据导入', city: 'haikou', role: 'admin' as const, unit: '海口市政府服务中心' };
    const result = await loadSampleRota(h.runtime.duty.rota, actor, sample, '2026-06');
    expect(result).toEqual({ month: '2026-06', added: 20, skipped: [], published: true, notPublished: null });
    const june = (await xyHandler.get('/api/duty/haikou/rota/2026-06')).body;
    const unitOf = (date: string) => june.days.find((d: { date: string }) => d.date === date).unit;
    expect([unitOf('2026-06-10'), unitOf('2026-06-11'), unitOf('2026-06-30')]).toEqual([null, '市公安局', '市国税局']);
    expect(june.days.find((d: { date: string }) => d.date === '2026-06-11').entries[0]).toMatchObject({ person: '市公安局主要负责人', role: 'head' });
  });
});

describe('April on duty (HK-9 times, HK-10 log and handover)', () => {
  it("the duty unit's users write the log and one handover on their duty day; others may not", async () => {
    await moveTo('2026-04-11T10:00:00');
    const today = (await xyHandler.get('/api/duty/haikou/today')).body;
    expect(today).toMatchObject({ date: '2026-04-11', unit: '市公安局', published: true, online: true, startsAt: '2026-04-11T00:30:00.000Z', endsAt: '2026-04-12T00:30:00.000Z' });
    const started = await disp.post('/api/duty/haikou/rota/entries', entry('2026-04-11', '市公安局', '陈志勇', 'deputy', '补充'));
    expect([started.status, started.body.code]).toEqual([422, 'DUTY_DAY_STARTED']);

    expect((await gaHandler.post('/api/duty/haikou/log', { kind: 'log', text: '10:05 接办疑难件一件，已协调市住建局' })).status).toBe(201);
    const notDuty = await xyHandler.post('/api/duty/haikou/log', { kind: 'log', text: '秀英区代写' });
    expect([notDuty.status, notDuty.body.code]).toEqual([403, 'NOT_DUTY_UNIT']);
    expect(notDuty.body.detail).toContain('HK-10');
    expect((await auditor.post('/api/duty/haikou/log', { kind: 'log', text: 'x' })).status).toBe(403);
    const empty = await gaHandler.post('/api/duty/haikou/log', { kind: 'note', text: '' });
    expect(empty.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.kind', 'body.text']);

    await moveTo('2026-04-12T07:00:00');
    expect((await gaHandler.post('/api/duty/haikou/log', { kind: 'handover', text: '夜间无紧急事件，交市交通港航局' })).status).toBe(201);
    const twice = await gaHandler.post('/api/duty/haikou/log', { kind: 'handover', text: '再交一次' });
    expect([twice.status, twice.body.code]).toEqual([409, 'DUTY_HANDOVER_EXISTS']);
    const log = (await gaHandler.get('/api/duty/haikou/log/2026-04-11')).body;
    expect(log).toMatchObject({ unit: '市公安局', entries: [{ authorUnit: '市公安局', kind: 'log' }], handover: { kind: 'handover' }, writable: true });
    expect((await xyHandler.get('/api/duty/haikou/log/2026-04-11')).status).toBe(403);
    expect((await disp.get('/api/duty/haikou/log/2026-04-11')).status).toBe(200);
  });

  it("today's duty unit changes at 08:30, not at midnight", async () => {
    await moveTo('2026-04-12T07:00:00');
    expect((await gaHandler.get('/api/duty/haikou/today')).body).toMatchObject({ date: '2026-04-11', unit: '市公安局', online: false });
    await moveTo('2026-04-12T08:30:00');
    expect((await gaHandler.get('/api/duty/haikou/today')).body).toMatchObject({ date: '2026-04-12', unit: '市交通港航局', online: false });
    await moveTo('2026-04-12T15:00:00');
    const afternoon = (await gaHandler.get('/api/duty/haikou/today')).body;
    expect(afternoon.online).toBe(true);
    expect(afternoon.onlineHours).toEqual([{ from: '09:00', to: '11:30', current: false }, { from: '15:00', to: '17:00', current: true }]);
    const late = await gaHandler.post('/api/duty/haikou/log', { kind: 'log', text: '昨日补记' });
    expect([late.status, late.body.code]).toEqual([403, 'NOT_DUTY_UNIT']);
  });
});

describe('publishing late (HK-9)', () => {
  it('May is published too late once its first duty day has begun', async () => {
    await moveTo('2026-05-01T08:30:00');
    const late = await disp.post('/api/duty/haikou/rota/2026-05/publish');
    expect([late.status, late.body.code]).toEqual([422, 'DUTY_ROTA_PUBLISH_TOO_LATE']);
    expect(late.body.detail).toContain('2026年5月1日 08:30');
  });
});

describe("leaders' answering days (PDS-18, HZ-10)", () => {
  const session = (startsAt: string, endsAt: string) => ({ leader: '李明', title: '副市长', startsAt: `${startsAt}+08:00`, endsAt: `${endsAt}+08:00` });

  it('refuses under 2 hours and under 7 days of notice, naming the rule; accepts 7 days and 2 hours', async () => {
    await moveTo('2026-05-04T17:00:00');
    const short = await pdsDisp.post('/api/duty/pingdingshan/leader-days', session('2026-05-20T09:00:00', '2026-05-20T10:59:00'));
    expect([short.status, short.body.code]).toEqual([422, 'LEADER_DAY_TOO_SHORT']);
    expect(short.body.details).toMatchObject({ rule: 'PDS-18' });
    expect(short.body.detail).toContain('不少于2小时');
    const sixDays = await pdsDisp.post('/api/duty/pingdingshan/leader-days', session('2026-05-10T09:00:00', '2026-05-10T11:00:00'));
    expect([sixDays.status, sixDays.body.code]).toEqual([422, 'LEADER_DAY_NOTICE_TOO_SHORT']);
    expect(sixDays.body.details).toMatchObject({ rule: 'PDS-18' });
    expect(sixDays.body.detail).toContain('只提前了6天');
    const ok = await pdsDisp.post('/api/duty/pingdingshan/leader-days', session('2026-05-11T08:00:00', '2026-05-11T10:00:00'));
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ leader: '李明', announcedBy: 'pingdingshan.pds-disp1', announcedAt: '2026-05-04T09:00:00.000Z', cancelledAt: null });

    const handler = await h.login('pingdingshan.xh-handler');
    expect((await handler.post('/api/duty/pingdingshan/leader-days', session('2026-06-11T08:00:00', '2026-06-11T10:00:00'))).status).toBe(403);
    const list = (await handler.get('/api/duty/pingdingshan/leader-days/2026-05')).body;
    expect(list).toMatchObject({ rule: 'PDS-18', items: [{ id: ok.body.id }] });
    expect((await disp.post('/api/duty/pingdingshan/leader-days', session('2026-06-11T08:00:00', '2026-06-11T10:00:00'))).body.code).toBe('CITY_MISMATCH');

    const cancelled = await pdsDisp.post(`/api/duty/pingdingshan/leader-days/${ok.body.id as string}/cancel`, { reason: '市政府常务会议' });
    expect(cancelled.body).toMatchObject({ cancelReason: '市政府常务会议', cancelledBy: 'pingdingshan.pds-disp1' });
    expect((await pdsDisp.post(`/api/duty/pingdingshan/leader-days/${ok.body.id as string}/cancel`, { reason: '再次' })).status).toBe(409);
  });

  it('names each field of a malformed entry; Huizhou cites HZ-10; a city without the section answers 404', async () => {
    const bad = await pdsDisp.post('/api/duty/pingdingshan/leader-days', { leader: '', title: '副市长', startsAt: '2026-06-01 09:00' });
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.endsAt', 'body.leader', 'body.startsAt']);
    const hz = await h.login('huizhou.hz-disp1');
    const hzShort = await hz.post('/api/duty/huizhou/leader-days', session('2026-06-20T09:00:00', '2026-06-20T10:00:00'));
    expect(hzShort.body.details).toMatchObject({ rule: 'HZ-10' });
    expect((await disp.get('/api/duty/haikou/leader-days/2026-05')).body.code).toBe('LEADER_DAYS_NOT_CONFIGURED');
    expect((await pdsDisp.get('/api/duty/pingdingshan/today')).body.code).toBe('DUTY_ROTA_NOT_CONFIGURED');
  });
});
