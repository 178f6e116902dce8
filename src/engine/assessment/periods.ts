/**
 * Periods of the assessment and the reports, as spans of local days in the city's time zone:
 * a month `2026-10`, a week starting on a Monday `2026-10-05`, a year `2026`.
 */
import { ValidationError } from '../../shared/errors';
import { addDays, isLocalDate, weekday, ZoneClock } from '../calendar/local-date';
import type { Window } from './assessment.types';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `2026-10`: a month of a real year (`0000-01` is refused: no calendar reads year 0). */
export function isMonth(text: string): boolean {
  return MONTH.test(text) && isLocalDate(`${text}-01`);
}

export function assertMonth(text: string, path = 'period'): void {
  if (!isMonth(text)) {
    throw new ValidationError('PERIOD_INVALID', `${path}: expected a month written YYYY-MM, got ${JSON.stringify(text)}`, [
      { path, message: `expected a month written YYYY-MM such as 2026-10, got ${JSON.stringify(text)}` },
    ]);
  }
}

function span(city: string, timeZone: string, firstDay: string, dayAfter: string): Window {
  const zone = new ZoneClock(timeZone);
  return { city, start: new Date(zone.startOfDay(firstDay)), end: new Date(zone.startOfDay(dayAfter)) };
}

/** `2026-10` → the first day of the next month. */
export function nextMonth(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function previousMonth(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function monthWindow(city: string, timeZone: string, period: string): Window {
  assertMonth(period);
  return span(city, timeZone, `${period}-01`, `${nextMonth(period)}-01`);
}

/** The month `at` falls in, city time. */
export function monthOf(at: Date, timeZone: string): string {
  return new ZoneClock(timeZone).localDate(at).slice(0, 7);
}

/** The week (Monday to Sunday) that contains `day`. */
export function weekWindow(city: string, timeZone: string, day: string): Window & { monday: string } {
  if (!isLocalDate(day)) {
    throw new ValidationError('PERIOD_INVALID', `week: expected a day written YYYY-MM-DD, got ${JSON.stringify(day)}`, [
      { path: 'week', message: `expected a day written YYYY-MM-DD, got ${JSON.stringify(day)}` },
    ]);
  }
  const monday = addDays(day, -((weekday(day) + 6) % 7));
  return { ...span(city, timeZone, monday, addDays(monday, 7)), monday };
}

export function yearWindow(city: string, timeZone: string, year: number): Window {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new ValidationError('PERIOD_INVALID', `year: expected a year such as 2026, got ${year}`, [
      { path: 'year', message: `expected a year between 2000 and 2100, got ${year}` },
    ]);
  }
  return span(city, timeZone, `${year}-01-01`, `${year + 1}-01-01`);
}

/** The twelve months of a year. */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}
