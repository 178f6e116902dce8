import { sql, type Kysely } from 'kysely';
import { OPEN_STATUSES, type DashboardQueries, type DashboardRows } from '../../engine/queries/dashboard-queries';
import type { DatabaseSchema } from '../database.types';
import { closedOnTime, countedOnItsOwn, overdueAt } from './lateness.sql';

/** The dashboard's counts over `work_orders` (a merged order counts as the one it joined), every value a bound parameter (see dashboard-queries.ts). */
export function createDashboardRepository(db: Kysely<DatabaseSchema>): DashboardQueries {
  return {
    async figures(w): Promise<DashboardRows> {
      const open = [...OPEN_STATUSES];
      const overdue = sql`COALESCE(${overdueAt(w.now)}, false)`;
      const [intake, units, month] = await Promise.all([
        sql<{ n: string }>`SELECT count(*) AS n FROM work_orders o WHERE o.city = ${w.city} AND ${countedOnItsOwn} AND o.created_at >= ${w.dayStart}`.execute(db),
        sql<{ unit: string | null; open: string; overdue: string; due_soon: string }>`
          SELECT o.lead_unit AS unit,
                 count(*) AS open,
                 count(*) FILTER (WHERE ${overdue}) AS overdue,
                 count(*) FILTER (WHERE NOT ${overdue} AND o.due_at <= ${w.dueSoonBefore}) AS due_soon
          FROM work_orders o
          WHERE o.city = ${w.city} AND ${countedOnItsOwn} AND o.status = ANY(${open}::text[])
          GROUP BY o.lead_unit
          ORDER BY count(*) DESC, o.lead_unit`.execute(db),
        sql<{ closed: string; on_time: string }>`
          SELECT count(*) AS closed,
                 count(*) FILTER (WHERE ${closedOnTime}) AS on_time
          FROM work_orders o
          WHERE o.city = ${w.city} AND ${countedOnItsOwn} AND o.status = 'closed' AND o.closed_at >= ${w.monthStart}`.execute(db),
      ]);
      return {
        intakeToday: Number(intake.rows[0]?.n ?? 0),
        byUnit: units.rows.map((r) => ({ unit: r.unit, open: Number(r.open), overdue: Number(r.overdue), dueSoon: Number(r.due_soon) })),
        closedThisMonth: Number(month.rows[0]?.closed ?? 0),
        onTimeThisMonth: Number(month.rows[0]?.on_time ?? 0),
      };
    },
  };
}
