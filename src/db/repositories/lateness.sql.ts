/**
 * "Late", "overdue" and "missed its due time" in SQL, written once for the assessment, the
 * reports and the dashboard (the words are in src/engine/assessment/lateness.ts). Each fragment
 * reads the orders under the alias `o` and judges them at `asOf`: the moment of the run, or the
 * end of the period when that is earlier. A due time counts only once it has passed by `asOf`.
 */
import { sql, type RawBuilder } from 'kysely';

type Fragment = RawBuilder<unknown>;

/** Not merged into another order (并单): a merged order counts as the one it joined, never on its own. */
export const countedOnItsOwn: Fragment = sql`NOT (o.flags @> '["merged"]'::jsonb)`;

/** Closed on or before its due time, or it had none. */
export const closedOnTime: Fragment = sql`(o.closed_at IS NOT NULL AND (o.due_at IS NULL OR o.closed_at <= o.due_at))`;

/** Closed after its due time. */
export const closedLate: Fragment = sql`(o.closed_at IS NOT NULL AND o.due_at IS NOT NULL AND o.closed_at > o.due_at)`;

/** Its due time passed before `asOf` and it was not closed by then: closed after it, or still open. */
export function missedDue(asOf: Date): Fragment {
  return sql`(o.due_at < ${asOf} AND (o.closed_at IS NULL OR o.closed_at > o.due_at))`;
}

/** Open at `asOf` with its due time passed before it (a snapshot: 逾期 now, or 月末超期未办结). */
export function overdueAt(asOf: Date): Fragment {
  return sql`((o.closed_at IS NULL OR o.closed_at >= ${asOf}) AND o.due_at < ${asOf})`;
}

/** Due in [start, asOf): the deadlines of the period that have fallen so far. */
export function dueBetween(start: Date, asOf: Date): Fragment {
  return sql`(o.due_at >= ${start} AND o.due_at < ${asOf})`;
}
