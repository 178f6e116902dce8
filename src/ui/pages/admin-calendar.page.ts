import type { RequestAuth } from '../../api/middleware/authenticate';
import { ANY_ROLE, assertCityRole } from '../../engine/access/city-access';
import { calendarMonth, type DayReason } from '../../engine/calendar/describe-day';
import type { CityCatalog } from '../../engine/city/city-catalog';
import type { Clock } from '../../shared/clock';
import { ValidationError } from '../../shared/errors';
import { renderPage, translate } from '../render';

const REASONS: DayReason[] = ['workday', 'weekend', 'official-holiday', 'adjusted-workday', 'city-holiday', 'city-workday'];

/** The month (YYYY-MM) of today in the city's time zone. */
/** A time zone as people say it (北京时间), or its name when the pages have no word for it. */
function zoneName(zone: string): string {
  return zone === 'Asia/Shanghai' ? translate('admin.calendar.beijingTime') : zone;
}

export function currentMonth(catalog: CityCatalog, clock: Clock, city: string): string {
  const zone = catalog.policy(city).calendar.timeZone;
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit' }).format(clock.now()).slice(0, 7);
}

function shift(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A city's working-day calendar for a month as a grid Monday to Sunday (any user of the city). */
export function adminCalendarPage(catalog: CityCatalog, clock: Clock, auth: RequestAuth, city: string, monthParam: string | null): string {
  const loaded = catalog.policy(city);
  assertCityRole(auth.actor, city, ANY_ROLE, "read the city's calendar");
  const month = monthParam ?? currentMonth(catalog, clock, city);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    throw new ValidationError('MONTH_INVALID', `not a month written YYYY-MM: ${month}`, [{ path: 'month', message: 'expected YYYY-MM' }]);
  }
  const described = calendarMonth(city, loaded, month);
  const cells: Array<Record<string, unknown> | null> = [];
  const first = described.days[0]!;
  for (let i = 1; i < first.weekday; i++) cells.push(null);
  for (const d of described.days) {
    cells.push({
      date: d.date,
      day: Number(d.date.slice(8)),
      reason: d.reason,
      reasonLabel: translate(`admin.calendar.reasons.${d.reason}`),
      holiday: d.holiday ?? '',
      working: d.working,
      workingLabel: translate(d.working ? 'admin.calendar.working' : 'admin.calendar.resting'),
      provisional: d.provisional,
    });
  }
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: Array<{ cells: Array<Record<string, unknown> | null> }> = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push({ cells: cells.slice(i, i + 7) });
  const [year, mon] = month.split('-');
  const base = `/admin/calendar/${encodeURIComponent(city)}`;
  return renderPage(
    'admin-calendar',
    { title: translate('admin.calendar.title'), user: auth.user, cityName: loaded.policy.name, csrfToken: auth.csrfToken, current: '/admin/calendar', script: null },
    {
      city,
      cityName: loaded.policy.name,
      heading: translate('admin.calendar.heading', { year: Number(year), month: Number(mon) }),
      month,
      weeks,
      weekdays: [1, 2, 3, 4, 5, 6, 7].map((n) => ({ label: translate(`admin.calendar.weekdays.d${n}`), weekend: n >= 6 })),
      legend: REASONS.map((r) => ({ reason: r, label: translate(`admin.calendar.reasons.${r}`) })),
      provisional: described.provisional,
      workingDays: described.workingDays,
      timeZone: zoneName(described.timeZone),
      prev: `${base}/${shift(month, -1)}`,
      next: `${base}/${shift(month, 1)}`,
      today: `${base}/${currentMonth(catalog, clock, city)}`,
    },
  );
}
