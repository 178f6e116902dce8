import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Window } from '../../engine/assessment/assessment.types';
import type { CodeCounts, ReportFacts } from '../../engine/reports/report.types';
import type { DatabaseSchema } from '../database.types';
import { closedLate, closedOnTime, countedOnItsOwn, dueBetween, missedDue } from './lateness.sql';

interface CountRow {
  code: string;
  received: string;
  closed: string;
  closed_on_time: string;
  closed_late: string;
  overdue: string;
}

/** One grouped scan of the window's orders by `column` (category or channel); every value a bound parameter. */
function countBy(db: Kysely<DatabaseSchema>, column: 'category' | 'channel', w: Window, asOf: Date): Promise<{ rows: CountRow[] }> {
  const received: RawBuilder<unknown> = sql`o.created_at >= ${w.start} AND o.created_at < ${w.end}`;
  const closed: RawBuilder<unknown> = sql`o.closed_at >= ${w.start} AND o.closed_at < ${w.end}`;
  const due = dueBetween(w.start, asOf);
  return sql<CountRow>`
    SELECT ${sql.ref(`o.${column}`)} AS code,
           count(*) FILTER (WHERE ${received}) AS received,
           count(*) FILTER (WHERE ${closed}) AS closed,
           count(*) FILTER (WHERE ${closed} AND ${closedOnTime}) AS closed_on_time,
           count(*) FILTER (WHERE ${closed} AND ${closedLate}) AS closed_late,
           count(*) FILTER (WHERE ${due} AND ${missedDue(asOf)}) AS overdue
    FROM work_orders o
    WHERE o.city = ${w.city} AND ${countedOnItsOwn} AND ((${received}) OR (${closed}) OR (${due}))
    GROUP BY 1
    ORDER BY 1`.execute(db);
}

const toCounts = (r: CountRow): CodeCounts => ({
  code: r.code,
  received: Number(r.received),
  closed: Number(r.closed),
  closedOnTime: Number(r.closed_on_time),
  closedLate: Number(r.closed_late),
  overdue: Number(r.overdue),
});

/** The reports' counts by category and by channel (see report.types.ts for each definition); a merged order counts as the one it joined. */
export function createReportFactsRepository(db: Kysely<DatabaseSchema>): ReportFacts {
  return {
    async countByCode(w, asOf) {
      const byCategory = await countBy(db, 'category', w, asOf);
      const byChannel = await countBy(db, 'channel', w, asOf);
      return { byCategory: byCategory.rows.map(toCounts), byChannel: byChannel.rows.map(toCounts) };
    },
  };
}
