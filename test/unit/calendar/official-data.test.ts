import fc from 'fast-check';
import { BusinessCalendar } from '../../../src/engine/calendar/business-calendar';
import { officialCalendar } from '../../../src/engine/calendar/official-calendar';

/** Checks on the installed chinese-days data, unpinned. */
describe('official data from chinese-days', () => {
  it('covers every year from 2004 to its last year, at least 2026', () => {
    expect(officialCalendar.firstYear).toBe(2004);
    const last = officialCalendar.lastYear ?? 0;
    expect(last).toBeGreaterThanOrEqual(2026);
    for (let y = 2004; y <= last; y++) expect(officialCalendar.covers(y)).toBe(true);
    expect(officialCalendar.covers(last + 1)).toBe(false);
  });

  it('the first year after the data is provisional with a warning naming it', () => {
    const next = (officialCalendar.lastYear ?? 0) + 1;
    const d = new BusinessCalendar().deadline(new Date(`${next}-03-01T10:00:00+08:00`), { workingDays: 3 });
    expect(d.provisional).toBe(true);
    expect(d.warnings).toEqual([`${next}年法定节假日尚未发布，按周末计算，期限为暂定`]);
  });

  it('deadlines and workingDaysBetween agree (property)', () => {
    const cal = new BusinessCalendar({ extraHolidays: ['2026-03-16'], extraWorkdays: ['2026-03-14'] });
    const start = Date.parse('2025-01-01T00:00:00Z');
    const end = Date.parse('2027-12-31T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: start, max: end }), fc.integer({ min: 1, max: 60 }), (ms, n) => {
        const from = new Date(ms);
        const d = cal.deadline(from, { workingDays: n });
        const last = cal.localDate(d.at);
        expect(cal.isWorkingDay(last)).toBe(true);
        expect(d.at.toISOString().slice(11)).toBe('15:59:59.999Z');
        expect(cal.workingDaysBetween(from, d.at)).toBe(n);
        expect(cal.deadline(from, { workingDays: n + 1 }).at.getTime()).toBeGreaterThan(d.at.getTime());
      }),
      { numRuns: 200 },
    );
  });
});
