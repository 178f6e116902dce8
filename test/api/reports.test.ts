/**
 * Report and assessment-run downloads (.xlsx, CSV) on Haikou orders with chosen dates
 * (test/helpers/report-fixtures.ts, counted by hand there), read back with exceljs. Every
 * response is checked against the OpenAPI document by the harness.
 */
import { ApiHarness, Client, openApiHarness } from '../helpers/api-harness';
import { binary, HAIKOU_ORDERS, readXlsx, rowsByFirstCell, seedOrder } from '../helpers/report-fixtures';

jest.setTimeout(120_000);

let h: ApiHarness;
let sup: Client;
let runId: string;

async function xlsx(client: Client, path: string): Promise<Map<string, unknown[][]>> {
  const res = await client.get(path).buffer(true).parse(binary);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="haikou-/);
  return readXlsx(res.body as Buffer);
}

beforeAll(async () => {
  h = await openApiHarness('2026-10-20T10:00:00+08:00');
  for (const o of HAIKOU_ORDERS) await seedOrder(h.runtime, o);
  // two black-listed orders of 秀英区 recorded in October (HK-14)
  const disp = await h.login('haikou.hk-disp1');
  for (const reason of ['敷衍答复', '未联系诉求人']) {
    expect((await disp.post('/api/assessments/haikou/findings', { unit: '秀英区', kind: 'blacklist', reason })).status).toBe(201);
  }
  h.clock.set(new Date('2026-11-10T10:00:00+08:00'));
  sup = await h.login('haikou.hk-sup1');
});
afterAll(async () => {
  await h.close();
});

describe('weekly analysis (PDS-17): the week of Monday 2026-10-05', () => {
  it('counts intake, closed, on time, late and overdue by category, intake by channel, in the .xlsx', async () => {
    const book = await xlsx(sup, '/api/reports/haikou/weekly.xlsx?week=2026-10-07');
    expect([...book.keys()]).toEqual(['按类别统计', '按渠道统计', '各单位指标']);
    const byCategory = book.get('按类别统计')!;
    expect(byCategory[0]![0]).toBe('海口市12345热线周分析（2026年10月5日 至 2026年10月11日） — 按类别统计');
    expect(byCategory[1]).toEqual(['类别', '受理量', '办结量', '按时办结', '超时办结', '逾期']);
    const rows = rowsByFirstCell(byCategory);
    // received, closed, closed on time, closed late, overdue
    expect(rows.get('投诉类')).toEqual(['投诉类', 2, 3, 2, 1, 1]);
    expect(rows.get('咨询类')).toEqual(['咨询类', 1, 0, 0, 0, 1]);
    expect(rows.get('建议类')).toEqual(['建议类', 1, 0, 0, 0, 0]);
    expect(rows.get('紧急类')).toEqual(['紧急类', 0, 0, 0, 0, 0]);
    expect(rows.get('合计')).toEqual(['合计', 4, 3, 2, 1, 2]);
    // every figure's definition is written under the table
    expect(rows.get('逾期')?.[1]).toMatch(/^逾期：办结时限在统计期内已到/);
    const channels = rowsByFirstCell(book.get('按渠道统计'));
    expect([channels.get('12345热线电话')?.[1], channels.get('网站留言')?.[1], channels.get('微信')?.[1], channels.get('市长信箱')?.[1], channels.get('合计')?.[1]]).toEqual([2, 1, 1, 0, 4]);
  });

  it("gives each unit's indicator figures over the week, by the policy's definitions", async () => {
    const book = await xlsx(sup, '/api/reports/haikou/weekly.xlsx?week=2026-10-11');
    const sheet = book.get('各单位指标')!;
    const head = sheet[1]!;
    const units = rowsByFirstCell(sheet);
    const cell = (unit: string, label: string) => units.get(unit)?.[head.indexOf(label)];
    expect(cell('秀英区', '按时办结率')).toBeCloseTo(2 / 3, 10);
    expect(cell('秀英区', '按时办结率（达标/基数）')).toBe('2/3');
    expect(cell('秀英区', '即时答复率（达标/基数）')).toBe('1/1');
    expect(cell('秀英区', '逾期办件数')).toBe(1);
    expect(cell('龙华区', '逾期办件数')).toBe(1);
    expect(cell('龙华区', '按时办结率')).toBeUndefined(); // none closed in the week: no rate
    expect(cell('龙华区', '按时办结率（达标/基数）')).toBe('0/0');
    expect(units.get('按时办结率')?.[1]).toBe('本月办结的工单中，在办结时限（含获批延期）内办结的比例');
  });

  it('writes the same figures as CSV: UTF-8 with a BOM, CRLF lines', async () => {
    const res = await sup.get('/api/reports/haikou/weekly.csv?week=2026-10-05');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    const lines = res.text.slice(1).split('\r\n');
    expect(lines).toContain('类别,受理量,办结量,按时办结,超时办结,逾期');
    expect(lines).toContain('投诉类,2,3,2,1,1');
    expect(lines).toContain('合计,4,3,2,1,2');
    expect(lines.find((l) => l.startsWith('秀英区,'))).toMatch(/^秀英区,100\.0%,1\/1,66\.7%,2\/3,/);
  });
});

describe('monthly bulletin, AS-11 bulletin, annual summary, run export', () => {
  it('says a month is not published, and the bulletin names nobody yet', async () => {
    const csv = (await sup.get('/api/reports/haikou/monthly.csv?period=2026-10')).text;
    expect(csv).toContain('本月考核结果尚未发布');
    const bulletin = await xlsx(sup, '/api/reports/haikou/bulletin.xlsx?period=2026-10');
    expect(bulletin.get('通报单位')![2]).toEqual(['本月考核结果尚未发布，考核得分与名单待发布后显示。']);
  });

  it("holds the published run's scores, grades, ranks and lists, and the counts by category (AS-2)", async () => {
    const run = await sup.post('/api/assessments/haikou/runs', { period: '2026-10' });
    expect(run.status).toBe(201);
    runId = run.body.id as string;
    expect((await sup.post(`/api/assessment-runs/${runId}/publish`)).status).toBe(200);
    const measure = await sup.post(`/api/assessment-runs/${runId}/measures`, { unit: '秀英区', ruleId: 'HK-14', measure: '责令限期整改', note: '=HYPERLINK("http://x","点我")' });
    expect(measure.status).toBe(201);
    const published = (await sup.get(`/api/assessment-runs/${runId}`)).body;

    const book = await xlsx(sup, '/api/reports/haikou/monthly.xlsx?period=2026-10');
    expect([...book.keys()]).toEqual(['按类别统计', '按渠道统计', '考核指标及口径', '各单位考核结果', '问责名单']);
    const cats = rowsByFirstCell(book.get('按类别统计'));
    expect(cats.get('投诉类')).toEqual(['投诉类', 3, 4, 3, 1, 1]);
    expect(cats.get('合计')).toEqual(['合计', 6, 5, 4, 1, 3]);
    expect(rowsByFirstCell(book.get('按渠道统计')).get('12345热线电话')?.[1]).toBe(4);

    const sheet = book.get('各单位考核结果')!;
    const head = sheet[1]!;
    const rows = rowsByFirstCell(sheet);
    for (const u of published.result.units as Array<{ unit: string; score: number; grade: string; rank: number | null; deductions: number }>) {
      const row = rows.get(u.unit)!;
      expect([row[head.indexOf('得分')], row[head.indexOf('等次')], row[head.indexOf('扣分')]]).toEqual([u.score, u.grade, u.deductions]);
      if (u.rank !== null) expect(row[head.indexOf('排名')]).toBe(u.rank);
    }
    expect(rows.get('秀英区')?.[head.indexOf('扣分')]).toBe(4); // two black-listed orders, 2 points each

    const lists = book.get('问责名单')!;
    const hk14 = lists.find((r) => r[0] === 'HK-14')!;
    expect(hk14.slice(0, 3)).toEqual(['HK-14', '加重问责', '秀英区']);
    expect(hk14[7]).toBe('责令限期整改（=HYPERLINK("http://x","点我")）'); // text, not a formula
    expect(lists.some((r) => r[0] === 'HK-15' && r[2] === '龙华区')).toBe(true);
    const indicators = rowsByFirstCell(book.get('考核指标及口径'));
    expect(indicators.get('逾期办件数')?.[1]).toBe('办结时限在本月到期、到期时仍未办结的工单数（获批延期的以延期后时限计）');
  });

  it('lists the units of the published lists with their counts and reasons (AS-11)', async () => {
    const sheet = (await xlsx(sup, '/api/reports/haikou/bulletin.xlsx?period=2026-10')).get('通报单位')!;
    expect(sheet[1]).toEqual(['单位', '逾期办件数', '紧急类办件未按时联系数', '督办件逾期数', '通报事由', '情况']);
    const rows = rowsByFirstCell(sheet);
    expect(rows.get('秀英区')).toEqual(['秀英区', 1, 0, 0, 'HK-14 加重问责：一个月之内被热线管理机构列为黑榜办件2次', '本期记录 2 次：列为黑榜办件']);
    expect(rows.get('龙华区')).toEqual(['龙华区', 2, 1, 0, 'HK-15 加重问责：紧急类办件未在30分钟内联系诉求人（系统自动发现）', '紧急类办件未按时联系数 1 件']);
    expect([...rows.keys()].filter((k) => !k.includes('数'))).toEqual(['秀英区', '龙华区']);
  });

  it("sums the year by month with each month's published scores and the year's unit figures", async () => {
    const book = await xlsx(sup, '/api/reports/haikou/annual.xlsx?year=2026');
    const months = rowsByFirstCell(book.get('各月统计'));
    expect(months.get('2026-09')).toEqual(['2026-09', 1, 0, 0, 0, 0, '未发布']);
    expect(months.get('2026-10')).toEqual(['2026-10', 6, 5, 4, 1, 3, '已发布']);
    expect(months.get('合计')?.slice(0, 6)).toEqual(['合计', 7, 5, 4, 1, 3]);
    const published = (await sup.get(`/api/assessment-runs/${runId}`)).body.result.units as Array<{ unit: string; score: number }>;
    const scores = book.get('各月考核得分')!;
    const oct = scores[1]!.indexOf('2026-10');
    const byUnit = rowsByFirstCell(scores);
    expect(byUnit.get('秀英区')?.[oct]).toBe(published.find((u) => u.unit === '秀英区')!.score);
    expect(byUnit.get('秀英区')?.[scores[1]!.indexOf('2026-09')]).toBeUndefined();
    const year = book.get('各单位全年指标')!;
    const yearRows = rowsByFirstCell(year);
    expect(yearRows.get('秀英区')?.[year[1]!.indexOf('按时办结率（达标/基数）')]).toBe('3/4');
    expect(yearRows.get('龙华区')?.[year[1]!.indexOf('逾期办件数')]).toBe(2);
  });

  it('exports a run with its measures; the CSV quotes the note', async () => {
    const book = await xlsx(sup, `/api/assessment-runs/${runId}/export.xlsx`);
    expect([...book.keys()]).toEqual(['考核指标及口径', '各单位考核结果', '问责名单']);
    const csv = await sup.get(`/api/assessment-runs/${runId}/export.csv`);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('"责令限期整改（=HYPERLINK(""http://x"",""点我"")）"');
  });
});

describe('who may download, and bad input', () => {
  it('is for the centre and the auditor of the city', async () => {
    const handler = await h.login('haikou.xy-handler');
    expect((await handler.get('/api/reports/haikou/weekly.xlsx?week=2026-10-05')).body.code).toBe('ROLE_NOT_ALLOWED');
    const auditor = await h.login('haikou.hk-audit1');
    expect((await auditor.get('/api/reports/haikou/bulletin.csv?period=2026-10')).status).toBe(200);
    expect((await sup.get('/api/reports/dazhu/monthly.csv?period=2026-10')).body.code).toBe('CITY_MISMATCH');
    // a unit reads a published run's export, as it reads the run
    expect((await handler.get(`/api/assessment-runs/${runId}/export.csv`)).status).toBe(200);
  });

  it('names a bad period', async () => {
    const week = await sup.get('/api/reports/haikou/weekly.csv?week=2026-13-40');
    expect([week.status, week.body.code]).toEqual([400, 'PERIOD_INVALID']);
    const month = await sup.get('/api/reports/haikou/monthly.xlsx?period=2026-1');
    expect([month.status, month.body.errors?.[0]?.path]).toEqual([400, 'query.period']);
    expect((await sup.get('/api/reports/haikou/annual.csv?year=1999')).status).toBe(400);
  });
});
