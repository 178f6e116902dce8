/**
 * Issue 12: the assessment computed mid-month is fair, and agrees with the dashboard and the
 * weekly and monthly reports for the same unit and period. Orders with chosen due dates (rows,
 * test/helpers/report-fixtures.ts), some past due by the run's moment and some not; each figure
 * counted by hand. One definition of lateness (src/engine/assessment/lateness.ts):
 * - "missed its due time" (the assessment's missedDue, the reports' 逾期): due in the period
 *   before now, closed after it or still open;
 * - "overdue" (the assessment's overdueAtEnd, the dashboard's 逾期): open now, due before now.
 */
import { seedOrder, type SeedOrder } from '../../helpers/report-fixtures';
import { Harness, openHarness } from '../../helpers/engine-harness';

jest.setTimeout(120_000);

/** Thursday 15 October 2026, 10:00 in Asia/Shanghai: the middle of the month and of the week of Monday 12 October. */
const MID_MONTH = '2026-10-15T10:00:00+08:00';
/** 23:59:59 local on a day of October 2026. */
const endOf = (day: number): string => `2026-10-${String(day).padStart(2, '0')}T15:59:59Z`;
const receivedOn = (day: number): string => `2026-10-${String(day).padStart(2, '0')}T02:00:00Z`;

/** The case: two orders of a unit due a week after the run, open, contacted in time. */
function dueNextWeek(city: string, unit: string): SeedOrder[] {
  return [1, 2].map(() => ({
    city, unit, category: 'complaint', channel: 'hotline', created: receivedOn(14), due: endOf(22),
    task: { formKey: 'contact', due: '2026-10-14T02:30:00Z', done: '2026-10-14T02:10:00Z' },
  }));
}

/** Late by the run: one still open past its due time, one closed after it; one not due yet. */
function someLate(city: string, unit: string): SeedOrder[] {
  return [
    { city, unit, category: 'complaint', channel: 'hotline', created: receivedOn(8), due: endOf(12) },
    { city, unit, category: 'complaint', channel: 'hotline', created: receivedOn(9), due: endOf(13), closed: '2026-10-14T02:00:00Z' },
    { city, unit, category: 'help', channel: 'hotline', created: receivedOn(12), due: endOf(20) },
  ];
}

describe('Haikou mid-month: the case of the issue', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(MID_MONTH, { city: 'haikou' });
    for (const o of [...dueNextWeek('haikou', '秀英区'), ...someLate('haikou', '龙华区')]) await seedOrder(h.runtime, o);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('two orders due a week later count 0 late and cost no points; the late ones count, the same in the reports and the dashboard', async () => {
    const sup = h.actor('hk-sup1');
    const run = await h.runtime.assessments.run(sup, 'haikou', '2026-10');
    const xiuying = run.result.units.find((u) => u.unit === '秀英区')!;
    expect(xiuying.figures.overdueCount).toEqual({ base: 0, hits: 0, value: 0 });
    // contacted in time 2 of 2 (20), nothing closed yet (30 + 30 + 10 in full), no repeat (10)
    expect(xiuying.score).toBe(100);
    expect(xiuying.grade).toBe('优秀');
    const longhua = run.result.units.find((u) => u.unit === '龙华区')!;
    expect(longhua.figures.overdueCount).toEqual({ base: 2, hits: 2, value: 2 });

    const weekly = await h.runtime.reports.weekly(sup, 'haikou', '2026-10-15');
    const weekFigure = (unit: string) => weekly.unitFigures.units.find((u) => u.unit === unit)?.figures.overdueCount;
    expect(weekFigure('秀英区')).toEqual({ base: 0, hits: 0, value: 0 });
    expect(weekFigure('龙华区')).toEqual(longhua.figures.overdueCount);
    expect(weekly.total.overdue).toBe(2);
    const monthly = await h.runtime.reports.monthly(sup, 'haikou', '2026-10');
    expect(monthly.total.overdue).toBe(2);

    const dashboard = await h.runtime.dashboard.figures('haikou');
    const board = (unit: string) => dashboard.byUnit.find((u) => u.unit === unit);
    expect(board('秀英区')).toMatchObject({ open: 2, overdue: 0 });
    // the dashboard counts what is overdue now: the order still open past its due time, not the one closed late
    expect(board('龙华区')).toMatchObject({ open: 2, overdue: 1 });
  });

  it('the same orders judged after their due times have passed: late at last', async () => {
    h.clock.set(new Date('2026-10-23T10:00:00+08:00'));
    const run = await h.runtime.assessments.run(h.actor('hk-sup1'), 'haikou', '2026-10');
    expect(run.result.units.find((u) => u.unit === '秀英区')!.figures.overdueCount).toEqual({ base: 2, hits: 2, value: 2 });
    // 龙华区: the two late ones and the one due on the 20th
    expect(run.result.units.find((u) => u.unit === '龙华区')!.figures.overdueCount).toEqual({ base: 3, hits: 3, value: 3 });
    expect((await h.runtime.dashboard.figures('haikou')).byUnit.find((u) => u.unit === '秀英区')).toMatchObject({ open: 2, overdue: 2 });
  });
});

describe('Anshan mid-month: the assessment, the dashboard and the reports agree unit by unit', () => {
  const ZJW = '市住房城乡建设委';
  const TIEDONG = '铁东区人民政府';
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(MID_MONTH, { city: 'anshan' });
    const orders: SeedOrder[] = [
      ...someLate('anshan', ZJW),
      // received in September, due 25 September, still open: overdue now, but not a deadline of October
      { city: 'anshan', unit: ZJW, category: 'complaint', channel: 'web', created: '2026-09-20T02:00:00Z', due: '2026-09-25T15:59:59Z' },
      ...dueNextWeek('anshan', TIEDONG).map(({ task: _task, ...o }) => o),
    ];
    for (const o of orders) await seedOrder(h.runtime, o);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('counts every unit the same way in the assessment, the dashboard, the weekly and the monthly report', async () => {
    const sup = h.actor('sup1');
    const run = await h.runtime.assessments.run(sup, 'anshan', '2026-10');
    const weekly = await h.runtime.reports.weekly(sup, 'anshan', '2026-10-12');
    const monthly = await h.runtime.reports.monthly(sup, 'anshan', '2026-10');
    const dashboard = await h.runtime.dashboard.figures('anshan');

    const assessed = (unit: string) => run.result.units.find((u) => u.unit === unit)!.figures;
    const inWeek = (unit: string) => weekly.unitFigures.units.find((u) => u.unit === unit)?.figures;
    const onBoard = (unit: string) => dashboard.byUnit.find((u) => u.unit === unit);
    // by hand: 住建委 missed two October deadlines (one still open, one closed late) and has two
    // orders open past their due time (October's and September's); 铁东区 has none yet
    const expected = { [ZJW]: { missed: 2, overdueNow: 2, open: 3 }, [TIEDONG]: { missed: 0, overdueNow: 0, open: 2 } };
    for (const [unit, want] of Object.entries(expected)) {
      expect([unit, assessed(unit).lateCount!.hits]).toEqual([unit, want.missed]);
      expect([unit, inWeek(unit)?.lateCount?.hits ?? 0]).toEqual([unit, want.missed]);
      expect([unit, assessed(unit).notReportedCount!.hits]).toEqual([unit, want.overdueNow]);
      expect([unit, inWeek(unit)?.notReportedCount?.hits ?? 0]).toEqual([unit, want.overdueNow]);
      expect([unit, onBoard(unit)?.overdue]).toEqual([unit, want.overdueNow]);
      expect([unit, onBoard(unit)?.open]).toEqual([unit, want.open]);
    }
    // the reports count by category: the city's missed deadlines of the week and of the month
    expect(weekly.total.overdue).toBe(2);
    expect(monthly.total.overdue).toBe(2);
    expect(monthly.byCategory.find((c) => c.code === 'complaint')).toMatchObject({ overdue: 2, closedLate: 1 });

    const listed = (reason: string) => run.result.lists.filter((e) => e.ruleId === 'AS-11' && e.reason === reason).map((e) => e.unit);
    expect(listed('办理超时')).toEqual([ZJW]);
    expect(listed('不反馈')).toEqual([ZJW]);
  });
});
