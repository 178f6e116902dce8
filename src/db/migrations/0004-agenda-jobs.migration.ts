import type { Kysely } from 'kysely';
import { runStatements } from './migration.types';

/**
 * The `agenda_jobs` table exactly as @agendajs/postgres-backend 3.0.6 creates it
 * (dist/schema.js: table, indexes, updated_at trigger), so Agenda can run with
 * `ensureSchema: false` (several processes creating it at once crash with
 * "tuple concurrently updated"). `IF NOT EXISTS` keeps it harmless where Agenda created it.
 *
 * Plus minhu's own index, which makes a job key mean something:
 * - every minhu job is named `minhu.*` and carries its key in `data->>'key'`;
 * - at most ONE pending job (next_run_at IS NOT NULL) per key may exist
 *   (`agenda_jobs_minhu_key_idx`), and JobQueue.schedule upserts against that index,
 *   giving the row a new id, so scheduling a key twice replaces the first;
 * - a job that ran has next_run_at NULL (Agenda sets it when a one-off job starts;
 *   DueJobSource.markDone does the same), leaves the index and stays as history, so the
 *   step it triggers may schedule the same key again.
 */
const table = 'agenda_jobs';

const statements = [
  `CREATE TABLE IF NOT EXISTS "${table}" (
     id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
     name VARCHAR(255) NOT NULL,
     priority INTEGER NOT NULL DEFAULT 0,
     next_run_at TIMESTAMPTZ,
     type VARCHAR(10) NOT NULL DEFAULT 'normal' CHECK (type IN ('normal', 'single')),
     locked_at TIMESTAMPTZ,
     last_finished_at TIMESTAMPTZ,
     failed_at TIMESTAMPTZ,
     fail_count INTEGER DEFAULT NULL,
     fail_reason TEXT,
     repeat_timezone VARCHAR(100),
     last_run_at TIMESTAMPTZ,
     repeat_interval VARCHAR(255),
     data JSONB DEFAULT '{}'::jsonb,
     repeat_at VARCHAR(255),
     disabled BOOLEAN DEFAULT FALSE,
     progress REAL,
     fork BOOLEAN DEFAULT FALSE,
     last_modified_by VARCHAR(255),
     debounce_started_at TIMESTAMPTZ,
     start_date TIMESTAMPTZ,
     end_date TIMESTAMPTZ,
     skip_days JSONB,
     created_at TIMESTAMPTZ DEFAULT NOW(),
     updated_at TIMESTAMPTZ DEFAULT NOW()
   )`,
  `ALTER TABLE "${table}" ADD COLUMN IF NOT EXISTS start_date TIMESTAMPTZ`,
  `ALTER TABLE "${table}" ADD COLUMN IF NOT EXISTS end_date TIMESTAMPTZ`,
  `ALTER TABLE "${table}" ADD COLUMN IF NOT EXISTS skip_days JSONB`,
  `CREATE INDEX IF NOT EXISTS "${table}_find_and_lock_idx"
     ON "${table}" (name, next_run_at, priority DESC, locked_at, disabled)
     WHERE disabled = FALSE`,
  `CREATE UNIQUE INDEX IF NOT EXISTS "${table}_single_job_idx"
     ON "${table}" (name) WHERE type = 'single'`,
  `CREATE INDEX IF NOT EXISTS "${table}_locked_at_idx"
     ON "${table}" (locked_at) WHERE locked_at IS NOT NULL`,
  `CREATE INDEX IF NOT EXISTS "${table}_next_run_at_idx"
     ON "${table}" (next_run_at) WHERE next_run_at IS NOT NULL`,
  `CREATE OR REPLACE FUNCTION update_${table}_updated_at()
   RETURNS TRIGGER AS $$
   BEGIN
     NEW.updated_at = NOW();
     RETURN NEW;
   END;
   $$ LANGUAGE plpgsql`,
  `DROP TRIGGER IF EXISTS "${table}_updated_at_trigger" ON "${table}"`,
  `CREATE TRIGGER "${table}_updated_at_trigger"
     BEFORE UPDATE ON "${table}"
     FOR EACH ROW
     EXECUTE FUNCTION update_${table}_updated_at()`,
  `CREATE UNIQUE INDEX "${table}_minhu_key_idx"
     ON "${table}" ((data->>'key'))
     WHERE name LIKE 'minhu.%' AND next_run_at IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, statements);
}
