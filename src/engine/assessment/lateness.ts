/**
 * What "late" means, the same in the assessment, the reports and the dashboard (issue 12):
 * every figure is judged at one moment, `asOf` — the moment of the run, or the end of the
 * period when that is earlier. An order (or task) is late, overdue or has missed its due time
 * only once that due time has passed by `asOf`; an order due next week is not late today.
 *
 * - missed its due time: due before `asOf`, and closed after its due time or still open
 *   (the assessment's `missedDue`, the reports' 逾期);
 * - overdue at `asOf`: still open at `asOf`, its due time before it (the assessment's
 *   `overdueAtEnd`, the dashboard's 逾期 with `asOf` = now);
 * - due in the period: due in [start, asOf) — a deadline still ahead is in no one's base yet;
 * - a task is late once completed after its due time, or still open past it at `asOf`.
 *
 * The SQL of each is written once, in src/db/repositories/lateness.sql.ts.
 */
import type { Window } from './assessment.types';

/** The moment a window is judged at: `now`, or the window's end when that is earlier. */
export function judgedAt(w: Window, now: Date): Date {
  return now.getTime() < w.end.getTime() ? now : w.end;
}
