import { ValidationError } from '../../shared/errors';
import type { BusinessCalendar, CalendarAdditions } from './business-calendar';
import { addDays, weekday, yearOf } from './local-date';
import { officialCalendar } from './official-calendar';

/**
 * Why a day is (not) a working day, in the order the calendar decides it: a city's own
 * additions first, then the official notices (holidays, adjusted working days), then the week.
 */
export type DayReason = 'city-workday' | 'city-holiday' | 'adjusted-workday' | 'official-holiday' | 'weekend' | 'workday';

export interface DayDescription {
  date: string;
  /** ISO 8601: 1 = Monday … 7 = Sunday. */
  weekday: number;
  working: boolean;
  reason: DayReason;
  /** The official holiday the day belongs to (春节), also for its adjusted working days; else null. */
  holiday: string | null;
  /** The official calendar does not cover the year yet: counted with weekends only. */
  provisional: boolean;
}

function reasonOf(date: string, additions: CalendarAdditions, covered: boolean): DayReason {
  if (additions.extraWorkdays.includes(date)) return 'city-workday';
  if (additions.extraHolidays.includes(date)) return 'city-holiday';
  const kind = covered ? officialCalendar.dayKind(date) : undefined;
  if (kind === 'workday') return 'adjusted-workday';
  if (kind === 'holiday') return 'official-holiday';
  const wd = weekday(date);
  return wd === 0 || wd === 6 ? 'weekend' : 'workday';
}

/** One day of a city's calendar; `working` is the calendar's own answer. */
export function describeDay(calendar: BusinessCalendar, additions: CalendarAdditions, date: string): DayDescription {
  const working = calendar.isWorkingDay(date);
  const covered = calendar.coversYear(yearOf(date));
  return {
    date,
    weekday: weekday(date) === 0 ? 7 : weekday(date),
    working,
    reason: reasonOf(date, additions, covered),
    holiday: (covered ? officialCalendar.dayName(date) : undefined) ?? null,
    provisional: !covered,
  };
}

/** Every day of a month written `YYYY-MM`. */
export function describeMonth(calendar: BusinessCalendar, additions: CalendarAdditions, month: string): DayDescription[] {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new ValidationError('MONTH_INVALID', `not a month written YYYY-MM: ${month}`, [{ path: 'month', message: 'expected a month written YYYY-MM, e.g. 2026-02' }]);
  const days: DayDescription[] = [];
  for (let date = `${month}-01`; date.startsWith(month); date = addDays(date, 1)) days.push(describeDay(calendar, additions, date));
  return days;
}

export interface CalendarMonth {
  city: string;
  month: string;
  timeZone: string;
  /** True when any day of the month is provisional. */
  provisional: boolean;
  workingDays: number;
  days: DayDescription[];
}

/** A city's month as its deadlines count it: every day, and how many are working days. */
export function calendarMonth(city: string, loaded: { policy: { calendar: CalendarAdditions }; calendar: BusinessCalendar }, month: string): CalendarMonth {
  const days = describeMonth(loaded.calendar, loaded.policy.calendar, month);
  return {
    city,
    month,
    timeZone: loaded.calendar.timeZone,
    provisional: days.some((d) => d.provisional),
    workingDays: days.filter((d) => d.working).length,
    days,
  };
}
