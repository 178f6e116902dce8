import { BusinessCalendar } from '../../../src/engine/calendar/business-calendar';
import { ValidationError } from '../../../src/shared/errors';

/** Instant of a local wall time in Asia/Shanghai (UTC+8, no DST). */
const sh = (local: string): Date => new Date(`${local}+08:00`);
/** 24:00 of a local day, as the engine represents it: 23:59:59.999 local time. */
const endOf = (localDate: string): Date => sh(`${localDate}T23:59:59.999`);

const cal = new BusinessCalendar();

describe('official 2026 calendar (chinese-days data)', () => {
  it('knows the Mid-Autumn and National Day holidays and the adjusted working days', () => {
    for (const d of ['2026-09-25', '2026-09-26', '2026-09-27']) expect(cal.isWorkingDay(d)).toBe(false); // 中秋
    for (let day = 1; day <= 7; day++) expect(cal.isWorkingDay(`2026-10-0${day}`)).toBe(false); // 国庆
    expect(cal.isWorkingDay('2026-09-20')).toBe(true); // Sunday, 调休上班
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // Saturday, 调休上班
    expect(cal.isWorkingDay('2026-10-11')).toBe(false); // ordinary Sunday
    expect(cal.isWorkingDay('2026-09-28')).toBe(true); // ordinary Monday
    expect(cal.isWorkingDay('2026-02-14')).toBe(true); // Saturday before Spring Festival, 调休上班
    expect(cal.isWorkingDay('2026-02-23')).toBe(false); // Monday inside Spring Festival
  });
});

describe('working-day limits', () => {
  it('15 working days from Monday 2026-09-28 across National Day and the working Saturday 10-10', () => {
    // Received Mon 09-28 10:00; day 1 is the day after.
    //  1 Tue 09-29   2 Wed 09-30
    //  Thu 10-01 .. Wed 10-07: National Day holidays, not counted
    //  3 Thu 10-08   4 Fri 10-09   5 Sat 10-10 (adjusted working day)   Sun 10-11 rest
    //  6 Mon 10-12   7 Tue 10-13   8 Wed 10-14   9 Thu 10-15  10 Fri 10-16   weekend
    // 11 Mon 10-19  12 Tue 10-20  13 Wed 10-21  14 Thu 10-22  15 Fri 10-23
    // Deadline: 24:00 of Fri 2026-10-23 = 2026-10-23T23:59:59.999+08:00.
    const d = cal.deadline(sh('2026-09-28T10:00:00'), { workingDays: 15 });
    expect(d.at).toEqual(endOf('2026-10-23'));
    expect(d.at.toISOString()).toBe('2026-10-23T15:59:59.999Z');
    expect(d).toMatchObject({ provisional: false, warnings: [] });
  });

  it('15 working days from Thursday 2026-09-24, before the Mid-Autumn holiday', () => {
    // Fri 09-25 .. Sun 09-27 Mid-Autumn, not counted
    //  1 Mon 09-28   2 Tue 09-29   3 Wed 09-30   National Day 10-01..10-07
    //  4 Thu 10-08   5 Fri 10-09   6 Sat 10-10 (adjusted)
    //  7 Mon 10-12 .. 11 Fri 10-16,  12 Mon 10-19  13 Tue 10-20  14 Wed 10-21  15 Thu 10-22
    expect(cal.deadline(sh('2026-09-24T15:30:00'), { workingDays: 15 }).at).toEqual(endOf('2026-10-22'));
  });

  it('counts the adjusted working Sunday 2026-09-20', () => {
    // From Fri 09-18: 1 Sun 09-20 (adjusted), 2 Mon 09-21, 3 Tue 09-22, 4 Wed 09-23, 5 Thu 09-24
    expect(cal.deadline(sh('2026-09-18T09:00:00'), { workingDays: 5 }).at).toEqual(endOf('2026-09-24'));
    // 1 working day from Sat 09-19 is the working Sunday itself
    expect(cal.deadline(sh('2026-09-19T09:00:00'), { workingDays: 1 }).at).toEqual(endOf('2026-09-20'));
  });

  it('2 working days starting on an ordinary Friday end on Tuesday', () => {
    // From Fri 2026-03-13: weekend skipped, 1 Mon 03-16, 2 Tue 03-17
    expect(cal.deadline(sh('2026-03-13T16:45:00'), { workingDays: 2 }).at).toEqual(endOf('2026-03-17'));
  });

  it('2 working days starting on the Friday before Qingming end on Wednesday', () => {
    // From Fri 2026-04-03: Sat 04-04 .. Mon 04-06 Qingming holidays, 1 Tue 04-07, 2 Wed 04-08
    expect(cal.deadline(sh('2026-04-03T11:00:00'), { workingDays: 2 }).at).toEqual(endOf('2026-04-08'));
  });

  it('an order received on a holiday starts counting at the first working day after it', () => {
    // Received Sat 2026-10-03 (National Day): 10-04..10-07 holidays, 1 Thu 10-08, 2 Fri 10-09, 3 Sat 10-10
    const received = sh('2026-10-03T14:20:00');
    expect(cal.deadline(received, { workingDays: 1 }).at).toEqual(endOf('2026-10-08'));
    expect(cal.deadline(received, { workingDays: 3 }).at).toEqual(endOf('2026-10-10'));
    // Received on the first day of Spring Festival, Sun 2026-02-15: holidays up to Mon 02-23
    expect(cal.deadline(sh('2026-02-15T08:00:00'), { workingDays: 1 }).at).toEqual(endOf('2026-02-24'));
  });

  it('an order received late at night still belongs to its local day', () => {
    // 23:59 local on Mon 09-28 is 15:59Z; 00:30 local on Tue 09-29 is still 09-28 in UTC.
    expect(cal.deadline(sh('2026-09-28T23:59:00'), { workingDays: 1 }).at).toEqual(endOf('2026-09-29'));
    expect(cal.localDate(sh('2026-09-29T00:30:00'))).toBe('2026-09-29');
    expect(cal.deadline(sh('2026-09-29T00:30:00'), { workingDays: 1 }).at).toEqual(endOf('2026-09-30'));
  });
});

describe('city additions', () => {
  const from = sh('2026-03-13T16:45:00'); // Friday; official answer for 2 working days: Tue 03-17

  it('an extra holiday removes a working day', () => {
    const city = new BusinessCalendar({ extraHolidays: ['2026-03-16'], extraWorkdays: [] });
    expect(city.isWorkingDay('2026-03-16')).toBe(false);
    // 1 Tue 03-17, 2 Wed 03-18
    expect(city.deadline(from, { workingDays: 2 }).at).toEqual(endOf('2026-03-18'));
  });

  it('an extra working day adds one, even on an official holiday', () => {
    const city = new BusinessCalendar({ extraHolidays: [], extraWorkdays: ['2026-03-14', '2026-10-05'] });
    // 1 Sat 03-14 (city working day), 2 Mon 03-16
    expect(city.deadline(from, { workingDays: 2 }).at).toEqual(endOf('2026-03-16'));
    expect(city.isWorkingDay('2026-10-05')).toBe(true);
    // From Sat 10-03: 1 Mon 10-05 (city working day), 2 Thu 10-08
    expect(city.deadline(sh('2026-10-03T10:00:00'), { workingDays: 2 }).at).toEqual(endOf('2026-10-08'));
  });

  it('refuses malformed or contradictory additions', () => {
    const bad = (extraHolidays: string[], extraWorkdays: string[]) => () =>
      new BusinessCalendar({ extraHolidays, extraWorkdays });
    expect(bad(['2026-02-30'], [])).toThrow(ValidationError);
    expect(bad(['2026-3-1'], [])).toThrow(ValidationError);
    expect(bad(['2026-03-16'], ['2026-03-16'])).toThrow(
      expect.objectContaining({ code: 'CALENDAR_ADDITIONS_INVALID' }) as Error,
    );
  });
});

describe('natural time', () => {
  it('hours run across midnight and weekends', () => {
    // Fri 22:00 + 24h = Sat 22:00, although Saturday is not a working day
    expect(cal.deadline(sh('2026-03-13T22:00:00'), { hours: 24 })).toEqual({
      at: sh('2026-03-14T22:00:00'),
      provisional: false,
      warnings: [],
    });
    // Fri 20:00 + 72h across a whole weekend = Mon 20:00
    expect(cal.deadline(sh('2026-03-13T20:00:00'), { hours: 72 }).at).toEqual(sh('2026-03-16T20:00:00'));
    // across National Day holidays too
    expect(cal.deadline(sh('2026-09-30T18:00:00'), { hours: 4 }).at).toEqual(sh('2026-09-30T22:00:00'));
  });

  it('minutes run across midnight', () => {
    expect(cal.deadline(sh('2026-10-01T23:45:00'), { minutes: 30 }).at).toEqual(sh('2026-10-02T00:15:00'));
  });

  it('natural days count calendar days from the day after, to 24:00 of the last', () => {
    // From Mon 09-28: day 1 = 09-29 ... day 10 = 10-08, holidays included
    expect(cal.deadline(sh('2026-09-28T10:00:00'), { naturalDays: 10 }).at).toEqual(endOf('2026-10-08'));
    expect(cal.deadline(sh('2026-12-31T10:00:00'), { naturalDays: 1 }).at).toEqual(endOf('2027-01-01'));
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after the start day up to and including the end day', () => {
    const from = sh('2026-09-28T10:00:00');
    expect(cal.workingDaysBetween(from, endOf('2026-10-23'))).toBe(15);
    expect(cal.workingDaysBetween(from, sh('2026-10-07T12:00:00'))).toBe(2);
    expect(cal.workingDaysBetween(from, sh('2026-09-28T18:00:00'))).toBe(0);
    expect(cal.workingDaysBetween(endOf('2026-10-23'), from)).toBe(-15);
  });
});

describe('time zones and instants', () => {
  it('localDate follows the calendar time zone', () => {
    const at = new Date('2026-09-27T16:30:00Z');
    expect(cal.localDate(at)).toBe('2026-09-28');
    expect(new BusinessCalendar(undefined, 'UTC').localDate(at)).toBe('2026-09-27');
  });

  it('ends the day at 23:59:59.999 local time, also across a DST change', () => {
    const ny = new BusinessCalendar(undefined, 'America/New_York');
    // Fri 2026-03-06 -> Mon 03-09, after the switch to EDT (UTC-4) on Sun 03-08
    expect(ny.deadline(new Date('2026-03-06T15:00:00-05:00'), { workingDays: 1 }).at.toISOString()).toBe(
      '2026-03-10T03:59:59.999Z',
    );
  });

  it('refuses an unknown time zone, invalid dates and invalid limits', () => {
    expect(() => new BusinessCalendar(undefined, 'Mars/Olympus')).toThrow(
      expect.objectContaining({ code: 'TIME_ZONE_INVALID' }) as Error,
    );
    expect(() => cal.isWorkingDay('2026-9-28')).toThrow(ValidationError);
    expect(() => cal.deadline(new Date('nope'), { hours: 1 })).toThrow(ValidationError);
    for (const limit of [
      { workingDays: 0 },
      { workingDays: -1 },
      { workingDays: 1.5 },
      { naturalDays: NaN },
      { hours: 0 },
    ]) {
      expect(() => cal.deadline(sh('2026-09-28T10:00:00'), limit)).toThrow(
        expect.objectContaining({ code: 'DURATION_INVALID' }) as Error,
      );
    }
    const twoUnits = { workingDays: 1, hours: 2 } as unknown as { hours: number };
    expect(() => cal.deadline(sh('2026-09-28T10:00:00'), twoUnits)).toThrow(ValidationError);
  });
});
