import { BusinessCalendar } from '../../../src/engine/calendar/business-calendar';

/**
 * Pin the official data to 2004–2026 (the installed chinese-days 1.5.7 ends with 2026), so these
 * hand-checked 2027 expectations keep holding when a later package version publishes 2027.
 */
jest.mock('chinese-days/dist/chinese-days.json', () => {
  const real = jest.requireActual<{ holidays: Record<string, string>; workdays: Record<string, string> }>(
    'chinese-days/dist/chinese-days.json',
  );
  const upTo2026 = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).filter(([d]) => d < '2027'));
  return { holidays: upTo2026(real.holidays), workdays: upTo2026(real.workdays) };
});

const sh = (local: string): Date => new Date(`${local}+08:00`);
const endOf = (localDate: string): Date => sh(`${localDate}T23:59:59.999`);
const cal = new BusinessCalendar();
const WARNING_2027 = '2027年法定节假日尚未发布，按周末计算，期限为暂定';

describe('years the official calendar does not cover', () => {
  it('knows which years are covered', () => {
    expect(cal.coversYear(2026)).toBe(true);
    expect(cal.coversYear(2004)).toBe(true);
    expect(cal.coversYear(2027)).toBe(false);
    expect(cal.coversYear(2003)).toBe(false);
  });

  it('counts 2027 with weekends only, provisional, with a warning naming the year', () => {
    // 2027-01-01 (New Year, a Friday) is surely a holiday, but not published yet: counted as working.
    expect(cal.isWorkingDay('2027-01-01')).toBe(true);
    expect(cal.isWorkingDay('2027-01-02')).toBe(false);
    // From Fri 2027-01-08: 1 Mon 01-11 .. 5 Fri 01-15
    expect(cal.deadline(sh('2027-01-08T10:00:00'), { workingDays: 5 })).toEqual({
      at: endOf('2027-01-15'),
      provisional: true,
      warnings: [WARNING_2027],
    });
  });

  it('a limit that starts in 2026 and ends in 2027 is provisional', () => {
    // From Wed 2026-12-30: 1 Thu 12-31 (official), 2 Fri 2027-01-01 (weekends only), 3 Mon 2027-01-04
    expect(cal.deadline(sh('2026-12-30T09:00:00'), { workingDays: 3 })).toEqual({
      at: endOf('2027-01-04'),
      provisional: true,
      warnings: [WARNING_2027],
    });
    // One that stays inside 2026 is not, even when received on the last day of the year
    expect(cal.deadline(sh('2026-12-28T09:00:00'), { workingDays: 3 })).toEqual({
      at: endOf('2026-12-31'),
      provisional: false,
      warnings: [],
    });
    // ...and one received on 2026-12-31 ends in 2027
    expect(cal.deadline(sh('2026-12-31T23:00:00'), { workingDays: 1 }).provisional).toBe(true);
  });

  it('natural time does not depend on the holiday calendar', () => {
    expect(cal.deadline(sh('2027-05-01T09:00:00'), { hours: 48 }).provisional).toBe(false);
    expect(cal.deadline(sh('2027-05-01T09:00:00'), { naturalDays: 3 })).toEqual({
      at: endOf('2027-05-04'),
      provisional: false,
      warnings: [],
    });
  });

  it('city additions also apply in uncovered years', () => {
    const city = new BusinessCalendar({ extraHolidays: ['2027-01-01'], extraWorkdays: ['2027-01-09'] });
    // From Wed 2026-12-30: 1 Thu 12-31, Fri 01-01 city holiday, 2 Mon 01-04
    expect(city.deadline(sh('2026-12-30T09:00:00'), { workingDays: 2 }).at).toEqual(endOf('2027-01-04'));
    // From Fri 2027-01-08: 1 Sat 01-09 (city working day)
    expect(city.deadline(sh('2027-01-08T09:00:00'), { workingDays: 1 }).at).toEqual(endOf('2027-01-09'));
  });

  it('a year before the data is provisional too', () => {
    const d = cal.deadline(sh('2003-06-02T09:00:00'), { workingDays: 1 });
    expect(d.at).toEqual(endOf('2003-06-03'));
    expect(d.provisional).toBe(true);
    expect(d.warnings).toEqual([expect.stringContaining('2003年')]);
  });
});
