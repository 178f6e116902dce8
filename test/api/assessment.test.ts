/**
 * The assessment API: who may run, publish, read drafts, record findings, scores and measures;
 * field-named errors; a published month is final; another city's runs are not found.
 */
import { ApiHarness, Client, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(60_000);

let h: ApiHarness;
let sup: Client;
let disp: Client;
let handler: Client;
let auditor: Client;
let otherCity: Client;
let anshanSup: Client;

beforeAll(async () => {
  h = await openApiHarness('2026-11-03T09:00:00+08:00');
  [sup, disp, handler, auditor, otherCity, anshanSup] = await Promise.all([
    h.login('haikou.hk-sup1'),
    h.login('haikou.hk-disp1'),
    h.login('haikou.xy-handler'),
    h.login('haikou.hk-audit1'),
    h.login('huizhou.hz-disp1'),
    h.login('anshan.sup1'),
  ]);
});
afterAll(async () => {
  await h.close();
});

describe('assessment runs', () => {
  it('a supervisor runs October: a draft only the centre sees until it is published; then everyone of the city reads it', async () => {
    const finding = await disp.post('/api/assessments/haikou/findings', { unit: '秀英区', kind: 'blacklist', reason: '答复敷衍，列为黑榜' });
    expect(finding.status).toBe(201);
    // recorded on 3 November: counts for November, not October
    const run = await sup.post('/api/assessments/haikou/runs', { period: '2026-10' });
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ city: 'haikou', period: '2026-10', trigger: 'manual', computedBy: 'haikou.hk-sup1', publishedAt: null, policyVersion: 1 });
    expect(run.body.result.indicators.map((i: { name: string }) => i.name)).toContain('按时办结率');
    expect(run.body.result.units.find((u: { unit: string }) => u.unit === '秀英区').findings).toEqual({});
    const id = run.body.id as string;

    expect((await handler.get(`/api/assessment-runs/${id}`)).status).toBe(404);
    expect((await handler.get('/api/assessments/haikou/runs')).body.runs).toEqual([]);
    expect((await auditor.get(`/api/assessment-runs/${id}`)).status).toBe(200);
    expect((await handler.get('/api/assessments/haikou/2026-10/published')).body.code).toBe('RUN_NOT_FOUND');

    expect((await disp.post(`/api/assessment-runs/${id}/publish`)).status).toBe(403);
    const published = await sup.post(`/api/assessment-runs/${id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.publishedAt).toEqual(expect.any(String));
    expect((await handler.get('/api/assessments/haikou/2026-10/published')).body.id).toBe(id);
    expect((await handler.get('/api/assessments/haikou/runs')).body.runs.map((r: { id: string }) => r.id)).toEqual([id]);

    const again = await sup.post('/api/assessments/haikou/runs', { period: '2026-10' });
    const refused = await sup.post(`/api/assessment-runs/${again.body.id}/publish`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'MONTH_PUBLISHED' });
  });

  it('another city: its runs are not found, its city path is refused', async () => {
    const run = await sup.post('/api/assessments/haikou/runs', { period: '2026-09' });
    expect((await otherCity.get(`/api/assessment-runs/${run.body.id}`)).status).toBe(404);
    expect((await otherCity.get('/api/assessments/haikou/runs')).status).toBe(403);
    expect((await otherCity.post('/api/assessments/haikou/findings', { unit: '秀英区', kind: 'blacklist', reason: 'x' })).status).toBe(403);
  });

  it('names the field of a bad request', async () => {
    const badMonth = await sup.post('/api/assessments/haikou/runs', { period: '2026-13' });
    expect(badMonth.status).toBe(400);
    expect(JSON.stringify(badMonth.body)).toContain('period');
    const future = await sup.post('/api/assessments/haikou/runs', { period: '2026-12' });
    expect(future.body.code).toBe('PERIOD_IN_FUTURE');
    const noReason = await disp.post('/api/assessments/haikou/findings', { unit: '秀英区', kind: 'blacklist', reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('reason');
    const badKind = await disp.post('/api/assessments/haikou/findings', { unit: '秀英区', kind: 'gossip', reason: 'x' });
    expect(badKind.status).toBe(400);
    expect(badKind.body.code).toBe('FINDING_KIND_UNKNOWN');
    expect(JSON.stringify(badKind.body)).toContain('blacklist');
    const notAnOrder = await disp.post('/api/assessments/haikou/findings', { unit: '秀英区', kind: 'blacklist', reason: 'x', orderId: '00000000-0000-4000-8000-000000000000' });
    expect(notAnOrder.status).toBe(404);
    expect((await handler.post('/api/assessments/haikou/findings', { unit: '秀英区', kind: 'blacklist', reason: 'x' })).status).toBe(403);
  });
});

describe('manual scores (AS-12) and measures (HK-16)', () => {
  it('enters training points for October, refuses points over the item, and refuses any change once October is published', async () => {
    const ok = await anshanSup.put('/api/assessments/anshan/2026-10/scores', { unit: '市环保局', item: 'training', points: 8, note: '参加两次培训' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ unit: '市环保局', item: 'training', points: 8 });
    const over = await anshanSup.put('/api/assessments/anshan/2026-10/scores', { unit: '市环保局', item: 'training', points: 11 });
    expect(over.status).toBe(400);
    expect(over.body.code).toBe('SCORE_OUT_OF_RANGE');
    const run = await anshanSup.post('/api/assessments/anshan/runs', { period: '2026-10' });
    expect(run.body.result.units.find((u: { unit: string }) => u.unit === '市环保局').manual).toEqual({ training: 8 });
    await anshanSup.post(`/api/assessment-runs/${run.body.id}/publish`);
    const late = await anshanSup.put('/api/assessments/anshan/2026-10/scores', { unit: '市环保局', item: 'training', points: 10 });
    expect(late.status).toBe(409);
    expect((await anshanSup.get('/api/assessments/anshan/2026-10/scores')).body.scores).toEqual([expect.objectContaining({ points: 8 })]);
  });

  it('records a measure on an entry of the lists, and refuses a unit not on them', async () => {
    // two black-listed orders in November (so far) put 秀英区 on HK-14's list
    await disp.post('/api/assessments/haikou/findings', { unit: '秀英区', kind: 'blacklist', reason: '第二次黑榜' });
    const run = await sup.post('/api/assessments/haikou/runs', { period: '2026-11' });
    expect(run.body.result.lists).toEqual([expect.objectContaining({ ruleId: 'HK-14', unit: '秀英区' })]);
    const id = run.body.id as string;
    const measure = await sup.post(`/api/assessment-runs/${id}/measures`, { unit: '秀英区', ruleId: 'HK-14', measure: '责令做出书面检查', note: '12月5日前提交' });
    expect(measure.status).toBe(201);
    expect((await sup.get(`/api/assessment-runs/${id}`)).body.measures).toEqual([expect.objectContaining({ unit: '秀英区', measure: '责令做出书面检查' })]);
    const notListed = await sup.post(`/api/assessment-runs/${id}/measures`, { unit: '龙华区', ruleId: 'HK-14', measure: '通报批评' });
    expect(notListed.body.code).toBe('ENTRY_NOT_ON_LIST');
    const unknown = await sup.post(`/api/assessment-runs/${id}/measures`, { unit: '秀英区', ruleId: 'HK-14', measure: '罚款' });
    expect(unknown.body.code).toBe('MEASURE_UNKNOWN');
    const findings = await auditor.get('/api/assessments/haikou/2026-11/findings');
    expect(findings.body.findings).toHaveLength(2);
  });
});
