/**
 * Working days and deadlines of time limits (domain.md, "Time limits: how to count them").
 *
 * - N working days count from the day after the event (Civil Code art. 201), only on working
 *   days, and end at 24:00 of the N-th working day local time, given as 23:59:59.999 local.
 * - Working day: Monday to Friday, minus the official holidays, plus the official adjusted
 *   working days; then the city's additions: extraHolidays remove a day, extraWorkdays add one.
 * - N natural days: calendar days from the day after, ending 24:00 of the N-th day.
 * - Hours and minutes: natural elapsed time.
 * - A year the official data does not cover is counted with weekends only; a working-day
 *   deadline that counts such a year is provisional and carries a warning naming the year.
 */
import { ValidationError } from '../../shared/errors';
import { type Duration, durationParts } from './duration';
import { ZoneClock, addDays, assertLocalDate, isLocalDate, weekday, yearOf } from './local-date';
import { officialCalendar } from './official-calendar';

export { type Duration, parseDuration, formatDuration } from './duration';

/** A city's own non-working / working days, 'YYYY-MM-DD' local dates. */
export interface CalendarAdditions {
  extraHolidays: string[];
  extraWorkdays: string[];
}

export interface Deadline {
  at: Date;
  /** True when the count relied on a year the official calendar does not cover. */
  provisional: boolean;
  warnings: string[];
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The warning for a year counted with weekends only. */
export function uncoveredYearWarning(year: number): string {
  const first = officialCalendar.firstYear;
  if (first !== undefined && year < first) {
    return `${year}年不在法定节假日数据范围内，按周末计算，期限为暂定`;
  }
  return `${year}年法定节假日尚未发布，按周末计算，期限为暂定`;
}

function checkAdditions(additions: CalendarAdditions): void {
  const issues: { path: string; message: string }[] = [];
  for (const list of ['extraHolidays', 'extraWorkdays'] as const) {
    const dates: unknown = additions[list];
    if (!Array.isArray(dates)) {
      issues.push({ path: list, message: 'a list of dates YYYY-MM-DD' });
      continue;
    }
    dates.forEach((d: unknown, i) => {
      if (typeof d !== 'string' || !isLocalDate(d)) {
        issues.push({ path: `${list}.${i}`, message: `a real calendar date written YYYY-MM-DD, not ${String(d)}` });
      }
    });
  }
  if (issues.length === 0) {
    const holidays = new Set(additions.extraHolidays);
    additions.extraWorkdays.forEach((d, i) => {
      if (holidays.has(d)) issues.push({ path: `extraWorkdays.${i}`, message: `${d} is also in extraHolidays` });
    });
  }
  if (issues.length > 0) {
    throw new ValidationError('CALENDAR_ADDITIONS_INVALID', 'The calendar additions are not valid', issues);
  }
}

function assertInstant(at: Date, path: string): void {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new ValidationError('DATE_INVALID', `Not a valid instant: ${String(at)}`, [
      { path, message: 'a valid Date' },
    ]);
  }
}

export class BusinessCalendar {
  private readonly extraHolidays: ReadonlySet<string>;
  private readonly extraWorkdays: ReadonlySet<string>;
  private readonly zone: ZoneClock;

  constructor(additions: CalendarAdditions = { extraHolidays: [], extraWorkdays: [] }, timeZone = DEFAULT_TIME_ZONE) {
    checkAdditions(additions);
    this.extraHolidays = new Set(additions.extraHolidays);
    this.extraWorkdays = new Set(additions.extraWorkdays);
    this.zone = new ZoneClock(timeZone);
  }

  get timeZone(): string {
    return this.zone.timeZone;
  }

  /** True if the local date (YYYY-MM-DD) is a working day. */
  isWorkingDay(localDate: string): boolean {
    assertLocalDate(localDate);
    return this.working(localDate);
  }

  /** Whether the official calendar covers that year. */
  coversYear(year: number): boolean {
    return officialCalendar.covers(year);
  }

  /** The local date (YYYY-MM-DD) of an instant in the calendar's time zone. */
  localDate(at: Date): string {
    assertInstant(at, 'at');
    return this.zone.localDate(at);
  }

  /** The deadline of a limit starting at `from`. */
  deadline(from: Date, limit: Duration): Deadline {
    assertInstant(from, 'from');
    const { unit, amount } = durationParts(limit);
    switch (unit) {
      case 'minutes':
        return { at: new Date(from.getTime() + amount * 60_000), provisional: false, warnings: [] };
      case 'hours':
        return { at: new Date(from.getTime() + amount * 3_600_000), provisional: false, warnings: [] };
      case 'naturalDays': {
        const last = addDays(this.zone.localDate(from), amount);
        return { at: this.zone.endOfDay(last), provisional: false, warnings: [] };
      }
      case 'workingDays': {
        let day = this.zone.localDate(from);
        const uncovered = new Set<number>();
        for (let counted = 0; counted < amount;) {
          day = addDays(day, 1);
          if (!officialCalendar.covers(yearOf(day))) uncovered.add(yearOf(day));
          if (this.working(day)) counted += 1;
        }
        const years = [...uncovered].sort((a, b) => a - b);
        return {
          at: this.zone.endOfDay(day),
          provisional: years.length > 0,
          warnings: years.map(uncoveredYearWarning),
        };
      }
    }
  }

  /**
   * Working days as counted for limits: those after the local date of `from`, up to and
   * including the local date of `to`; negative when `to` is before `from`. So
   * workingDaysBetween(from, deadline(from, { workingDays: n }).at) === n.
   */
  workingDaysBetween(from: Date, to: Date): number {
    assertInstant(from, 'from');
    assertInstant(to, 'to');
    const a = this.zone.localDate(from);
    const b = this.zone.localDate(to);
    if (b < a) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let day = addDays(a, 1); day <= b; day = addDays(day, 1)) {
      if (this.working(day)) count += 1;
    }
    return count;
  }

  private working(day: string): boolean {
    if (this.extraWorkdays.has(day)) return true;
    if (this.extraHolidays.has(day)) return false;
    if (officialCalendar.covers(yearOf(day))) {
      const kind = officialCalendar.dayKind(day);
      if (kind === 'workday') return true;
      if (kind === 'holiday') return false;
    }
    const wd = weekday(day);
    return wd !== 0 && wd !== 6;
  }
}
