import type { Kysely } from 'kysely';
import { runStatements } from './migration.types';

/**
 * Every step lists its instance's pending timer jobs by key prefix (`timer:<instance>:`).
 * The unique key index cannot serve a prefix search; this one can (text_pattern_ops, LIKE).
 */
const statements = [
  `CREATE INDEX agenda_jobs_minhu_key_prefix_idx ON agenda_jobs ((data->>'key') text_pattern_ops)
     WHERE name LIKE 'minhu.%' AND next_run_at IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, statements);
}
