import type { Kysely } from 'kysely';
import { runStatements } from './migration.types';

/**
 * The inbox at a year's volume (1,000,000 orders, 100,000 open tasks; bench/inbox.ts):
 *
 * - `done` (completed in the last 30 days) scanned every task the unit ever completed
 *   (40,000 for a district) to find the last month's: 100–150 ms. A partial index of completed
 *   tasks by unit and completion time reads just those (3,400), index-only for the count.
 * - The counts of the open tabs read each open task's row for its roles, assignee, form and
 *   flags; the same open tasks by unit with those columns included answer them index-only.
 */
const statements = [
  `CREATE INDEX tasks_done_unit_idx ON tasks (city, candidate_unit, completed_at) INCLUDE (completed_by)
     WHERE status = 'completed'`,
  `CREATE INDEX tasks_open_unit_cover_idx ON tasks (city, candidate_unit)
     INCLUDE (due_at, assignee, form_key, candidate_roles, flags) WHERE status = 'open'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, statements);
}
