import type { Kysely } from 'kysely';
import { runStatements } from './migration.types';

/**
 * Claiming the next due job (src/scheduler/claim-next-job.ts) looks for the earliest unclaimed
 * job whose time has come. This index holds only those rows — pending (next_run_at set) and
 * unlocked — in the order they are claimed, so a claim reads one entry: not the jobs already
 * claimed at the same moment (10,000 deadlines due at once), nor the finished jobs kept as
 * history (next_run_at NULL), which Agenda's own index made every poll walk.
 */
const statements = [
  `CREATE INDEX agenda_jobs_due_unlocked_idx ON agenda_jobs (name, next_run_at, priority DESC)
     WHERE locked_at IS NULL AND disabled = FALSE AND next_run_at IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, statements);
}
