import { sql } from 'kysely';
import { openDatabase, type Database } from '../../../src/db/database';
import { migrate } from '../../../src/db/migrations/migrate';
import { migrations } from '../../../src/db/migrations/migrations';
import { silentLogger } from '../../../src/shared/logger';
import { createScratchDatabase, onPostgres, openTestDatabase } from '../../helpers/test-db';

jest.setTimeout(30_000);

async function tableNames(database: Database): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`.execute(
    database.db,
  );
  return rows.map((r) => r.table_name);
}

describe('migrations', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('creates every table and records every version', async () => {
    expect(await tableNames(database)).toEqual([
      'accountability_measures',
      'agenda_jobs',
      'api_tokens',
      'assessment_publications',
      'assessment_runs',
      'attachments',
      'audit_events',
      'caller_blocks',
      'deployments',
      'duty_log_entries',
      'duty_months',
      'duty_rota_entries',
      'idempotency_keys',
      'knowledge_entries',
      'leader_days',
      'login_failures',
      'manual_scores',
      'order_appeals',
      'order_number_counters',
      'policy_versions',
      'process_instances',
      'routing_precedents',
      'schema_migrations',
      'sessions',
      'tasks',
      'unit_findings',
      'users',
      'work_orders',
    ]);
    const versions = await database.db.selectFrom('schema_migrations').select('version').orderBy('version').execute();
    expect(versions.map((v) => v.version)).toEqual(migrations.map((m) => m.version));
  });

  it('is a no-op when run again', async () => {
    const before = await database.db.selectFrom('schema_migrations').selectAll().orderBy('version').execute();
    expect(await migrate(database.db)).toEqual({ applied: [] });
    expect(await migrate(database.db)).toEqual({ applied: [] });
    expect(await database.db.selectFrom('schema_migrations').selectAll().orderBy('version').execute()).toEqual(before);
  });

  it('creates agenda_jobs as @agendajs/postgres-backend does, plus the minhu key index', async () => {
    const { rows } = await sql<{ indexname: string }>`
      SELECT indexname FROM pg_indexes WHERE tablename = 'agenda_jobs' ORDER BY indexname`.execute(database.db);
    expect(rows.map((r) => r.indexname)).toEqual([
      'agenda_jobs_due_unlocked_idx',
      'agenda_jobs_find_and_lock_idx',
      'agenda_jobs_locked_at_idx',
      'agenda_jobs_minhu_key_idx',
      'agenda_jobs_minhu_key_prefix_idx',
      'agenda_jobs_next_run_at_idx',
      'agenda_jobs_pkey',
      'agenda_jobs_single_job_idx',
    ]);
    const trigger = await sql`SELECT 1 FROM pg_trigger WHERE tgname = 'agenda_jobs_updated_at_trigger'`.execute(
      database.db,
    );
    expect(trigger.rows).toHaveLength(1);
  });

  it('refuses a database migrated by a newer minhu', async () => {
    const older = migrations.slice(0, -1);
    await expect(migrate(database.db, { migrations: older })).rejects.toMatchObject({ code: 'SCHEMA_NEWER_THAN_CODE' });
  });
});

describe('concurrent migrate() on a fresh database', () => {
  it('lets both callers succeed and applies each migration once', async () => {
    let url: string | undefined;
    let drop = async (): Promise<void> => {};
    if (onPostgres()) {
      const scratch = await createScratchDatabase(process.env.DATABASE_URL!);
      url = scratch.url;
      drop = scratch.drop;
    }
    // Without DATABASE_URL: a fresh in-memory PGlite; its one-connection pool serialises the two.
    const [a, b] = await Promise.all([
      openDatabase({ databaseUrl: url, inMemory: true, logger: silentLogger() }),
      url ? openDatabase({ databaseUrl: url, logger: silentLogger() }) : undefined,
    ]);
    const second = b ?? a;
    try {
      const results = await Promise.all([migrate(a.db), migrate(second.db), migrate(a.db)]);
      const applied = results.flatMap((r) => r.applied).sort((x, y) => x - y);
      expect(applied).toEqual(migrations.map((m) => m.version));
      expect(await tableNames(a)).toContain('work_orders');
    } finally {
      await a.close();
      if (b) await b.close();
      await drop();
    }
  });
});
