import { sql, type Kysely } from 'kysely';
import type { Readiness } from '../api/routes/health.routes';
import type { DatabaseSchema } from '../db/database.types';
import { migrationState } from '../db/migrations/migrate';

export interface ReadinessSources {
  db: Kysely<DatabaseSchema>;
  /** Whether the scheduler is as configured: running when this process runs jobs. */
  scheduler: () => boolean;
}

/**
 * `/readyz`'s checks, read at each call: the database answers, its schema is this code's
 * (the applied version against the latest, pending and unknown versions named), the scheduler runs.
 */
export function readinessProbe(sources: ReadinessSources): () => Promise<Readiness> {
  return async () => {
    const database = await sql`select 1`.execute(sources.db).then(() => true, () => false);
    const migrations = database ? await migrationState(sources.db).catch(() => null) : null;
    return {
      database,
      migrations: migrations?.current ?? false,
      schema: migrations ? { applied: migrations.applied, latest: migrations.latest, pending: migrations.pending, unknown: migrations.unknown } : null,
      scheduler: sources.scheduler(),
    };
  };
}
