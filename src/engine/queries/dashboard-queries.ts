/**
 * The dashboard's figures for one city (issue 5): today's intake, open / overdue / due-soon
 * orders by lead unit, and the on-time rate of the month. A read port (implemented in
 * src/db/repositories/dashboard.repository.ts) and the service that turns "now" in the city's
 * time zone into the windows it asks for. Nothing here knows SQL.
 *
 * Definitions:
 * - open: status received, dispatched, in-progress, review or visit;
 * - overdue: open, and its due time passed before now — the assessment's `overdueAtEnd` judged
 *   at now (src/engine/assessment/lateness.ts; the `overdue` mark is not read: it follows the due
 *   time, and a due time that moved later is not late);
 * - due soon: open, not overdue, due within the next 24 hours;
 * - on-time rate of the month: closed orders (status `closed`, closed since the first of the
 *   month, city time) closed on or before their due time (or with no due time) ÷ closed orders;
 *   null when none was closed.
 */
import type { Clock } from '../../shared/clock';
import type { CityCatalog } from '../city/city-catalog';
import { DUE_SOON_MS } from './work-order-queries';

export const OPEN_STATUSES = ['received', 'dispatched', 'in-progress', 'review', 'visit'] as const;

export interface DashboardWindow {
  city: string;
  now: Date;
  /** Midnight today, city time. */
  dayStart: Date;
  /** Midnight of the first of this month, city time. */
  monthStart: Date;
  /** now + 24 h. */
  dueSoonBefore: Date;
}

export interface UnitFigures {
  /** The lead unit; null for orders without one yet. */
  unit: string | null;
  open: number;
  overdue: number;
  dueSoon: number;
}

export interface DashboardRows {
  intakeToday: number;
  byUnit: UnitFigures[];
  closedThisMonth: number;
  onTimeThisMonth: number;
}

export interface DashboardQueries {
  figures(window: DashboardWindow): Promise<DashboardRows>;
}

export interface DashboardFigures extends DashboardRows {
  city: string;
  asOf: string;
  open: number;
  overdue: number;
  dueSoon: number;
  /** 0..1, or null when nothing was closed this month. */
  onTimeRate: number | null;
}

/** Milliseconds the zone is ahead of UTC at `at` (China: 8 h). */
function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The day's and month's starts of `now` in the zone. */
export function dashboardWindow(city: string, now: Date, timeZone: string): DashboardWindow {
  const offset = zoneOffsetMs(now, timeZone);
  const local = new Date(now.getTime() + offset);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  return {
    city,
    now,
    dayStart: new Date(Date.UTC(y, m, local.getUTCDate()) - offset),
    monthStart: new Date(Date.UTC(y, m, 1) - offset),
    dueSoonBefore: new Date(now.getTime() + DUE_SOON_MS),
  };
}

export class DashboardService {
  constructor(
    private readonly catalog: CityCatalog,
    private readonly clock: Clock,
    private readonly queries: DashboardQueries,
  ) {}

  async figures(city: string): Promise<DashboardFigures> {
    const now = this.clock.now();
    const policy = this.catalog.policy(city).policy;
    const rows = await this.queries.figures(dashboardWindow(city, now, policy.timezone));
    const sum = (k: 'open' | 'overdue' | 'dueSoon') => rows.byUnit.reduce((n, u) => n + u[k], 0);
    return {
      ...rows,
      city,
      asOf: now.toISOString(),
      open: sum('open'),
      overdue: sum('overdue'),
      dueSoon: sum('dueSoon'),
      onTimeRate: rows.closedThisMonth === 0 ? null : rows.onTimeThisMonth / rows.closedThisMonth,
    };
  }
}
