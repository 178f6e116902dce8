import { readFileSync } from 'node:fs';
import { ApiHarness, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(60_000);

interface Day {
  date: string;
  weekday: number;
  working: boolean;
  reason: string;
  holiday: string | null;
  provisional: boolean;
}

let h: ApiHarness;
beforeAll(async () => {
  h = await openApiHarness();
});
afterAll(async () => {
  await h.close();
});

function day(days: Day[], date: string): Day {
  const found = days.find((d) => d.date === date);
  if (!found) throw new Error(`no ${date}`);
  return found;
}

describe('the working-day calendar of a city', () => {
  it('describes every day of a month: Spring Festival 2026 with its adjusted working days', async () => {
    const handler = await h.login('sample.xh-handler');
    const res = await handler.get('/api/calendar/sample/2026-02');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ city: 'sample', month: '2026-02', timeZone: 'Asia/Shanghai', provisional: false });
    const days = res.body.days as Day[];
    expect(days).toHaveLength(28);
    expect(day(days, '2026-02-02')).toEqual({ date: '2026-02-02', weekday: 1, working: true, reason: 'workday', holiday: null, provisional: false });
    expect(day(days, '2026-02-07')).toMatchObject({ weekday: 6, working: false, reason: 'weekend', holiday: null });
    expect(day(days, '2026-02-14')).toMatchObject({ weekday: 6, working: true, reason: 'adjusted-workday', holiday: '春节' });
    expect(day(days, '2026-02-17')).toMatchObject({ weekday: 2, working: false, reason: 'official-holiday', holiday: '春节' });
    expect(res.body.workingDays).toBe(days.filter((d) => d.working).length);
    const { calendar } = h.runtime.catalog.policy('sample');
    for (const d of days) expect(d.working).toBe(calendar.isWorkingDay(d.date));
  });

  it("shows the city's own additions, from the policy version in force", async () => {
    const yaml = readFileSync('policies/sample.yaml', 'utf8').replace(
      /calendar:\n {2}extraHolidays: \[\]\n {2}extraWorkdays: \[\]/,
      'calendar:\n  extraHolidays: ["2026-10-09"]\n  extraWorkdays: ["2026-10-11"]',
    );
    expect(yaml).toContain('2026-10-09');
    await h.runtime.policyVersions.save('sample', yaml, 'sample.admin1');
    const client = await h.login('sample.op1');
    const days = (await client.get('/api/calendar/sample/2026-10')).body.days as Day[];
    expect(day(days, '2026-10-01')).toMatchObject({ working: false, reason: 'official-holiday', holiday: '国庆节' });
    expect(day(days, '2026-10-09')).toMatchObject({ weekday: 5, working: false, reason: 'city-holiday' });
    expect(day(days, '2026-10-10')).toMatchObject({ weekday: 6, working: true, reason: 'adjusted-workday' });
    expect(day(days, '2026-10-11')).toMatchObject({ weekday: 7, working: true, reason: 'city-workday' });
  });

  it('marks a year the official calendar does not cover as provisional (weekends only)', async () => {
    const client = await h.login('sample.op1');
    const res = await client.get('/api/calendar/sample/2040-01');
    expect(res.status).toBe(200);
    expect(res.body.provisional).toBe(true);
    const days = res.body.days as Day[];
    expect(days).toHaveLength(31);
    expect(day(days, '2040-01-01')).toEqual({ date: '2040-01-01', weekday: 7, working: false, reason: 'weekend', holiday: null, provisional: true });
    expect(day(days, '2040-01-02')).toMatchObject({ working: true, reason: 'workday', provisional: true });
  });

  it('names a malformed month, and refuses a user of another city with 403 CITY_MISMATCH', async () => {
    const client = await h.login('sample.op1');
    const bad = await client.get('/api/calendar/sample/2026-13');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'params.month', message: expect.stringContaining('YYYY-MM') })]);
    const other = await client.get('/api/calendar/huizhou/2026-02');
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('CITY_MISMATCH');
    const anonymous = await h.request().get('/api/calendar/sample/2026-02');
    expect(anonymous.status).toBe(401);
  });
});
