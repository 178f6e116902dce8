import { Kysely, sql } from 'kysely';
import type { DatabaseSchema } from './database.types';

/**
 * Empties a SCRATCH database of all work (orders, tasks, instances, jobs, counters and the
 * audit log), keeping deployments and policies. Scenarios use it between files on their own
 * throw-away database; the audit log's append-only trigger is lifted for that one statement.
 * Never call it on a real database.
 */
export async function deleteWorkData(db: Kysely<DatabaseSchema>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_truncate`.execute(trx);
    await sql`TRUNCATE audit_events, attachments, order_appeals, tasks, process_instances, work_orders, order_number_counters, agenda_jobs, caller_blocks, routing_precedents, accountability_measures, assessment_publications, assessment_runs, unit_findings, manual_scores`.execute(trx);
    await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_truncate`.execute(trx);
  });
}
