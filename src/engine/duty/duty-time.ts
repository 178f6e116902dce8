/**
 * Time on duty (HK-9): a duty day runs from `dayStarts` (08:30) of its date to `dayStarts` of the
 * next date, every day, weekends and holidays too; online handling happens at fixed local hours
 * of the duty date. Pure functions of instants and a time zone: no clock is read here.
 */
import { addDays, isLocalDate, ZoneClock } from '../calendar/local-date';
import { ValidationError } from '../../shared/errors';
import { chineseDateText } from '../../shared/local-time';

const MINUTE_MS = 60_000;

/** Minutes after local midnight of a `HH:MM` time. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** The instant of a local date and time (`2026-04-11`, `08:30`) in the zone. */
export function localInstant(zone: ZoneClock, date: string, hhmm: string): Date {
  return new Date(zone.startOfDay(date) + minutesOf(hhmm) * MINUTE_MS);
}

/** The duty day an instant belongs to: before `dayStarts` it is still the previous date's. */
export function dutyDateAt(at: Date, zone: ZoneClock, dayStarts: string): string {
  const date = zone.localDate(at);
  return at.getTime() < localInstant(zone, date, dayStarts).getTime() ? addDays(date, -1) : date;
}

/** When a duty day begins and ends (the next day's start). */
export function dutyPeriod(date: string, zone: ZoneClock, dayStarts: string): { startsAt: Date; endsAt: Date } {
  return { startsAt: localInstant(zone, date, dayStarts), endsAt: localInstant(zone, addDays(date, 1), dayStarts) };
}

export interface OnlineWindow {
  from: string;
  to: string;
  /** True while `at` lies inside this window of the duty date. */
  current: boolean;
}

/** The online-handling windows of a duty date, each marked whether `at` is inside it. */
export function onlineWindows(date: string, at: Date, zone: ZoneClock, hours: ReadonlyArray<{ from: string; to: string }>): OnlineWindow[] {
  return hours.map((h) => {
    const t = at.getTime();
    return { from: h.from, to: h.to, current: t >= localInstant(zone, date, h.from).getTime() && t < localInstant(zone, date, h.to).getTime() };
  });
}

/** `2026-04` → every date of that month. */
export function monthDates(month: string): string[] {
  const first = `${month}-01`;
  const out: string[] = [];
  for (let d = first; d.startsWith(month); d = addDays(d, 1)) out.push(d);
  return out;
}

/** Throws ValidationError (MONTH_INVALID) unless `month` is YYYY-MM. */
export function assertMonth(month: string, path = 'month'): void {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || !isLocalDate(`${month}-01`)) {
    throw new ValidationError('MONTH_INVALID', `not a month written YYYY-MM: ${month}`, [{ path, message: 'expected a month written YYYY-MM, e.g. 2026-04' }]);
  }
}

/** Whole days from local date `a` to local date `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** `2026年4月11日 08:30` in the zone, as a refusal writes it. */
export function localText(at: Date, zone: ZoneClock): string {
  const date = zone.localDate(at);
  const minutes = Math.round((at.getTime() - zone.startOfDay(date)) / MINUTE_MS);
  return `${chineseDateText(date)} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
