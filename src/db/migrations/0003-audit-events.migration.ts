import type { Kysely } from 'kysely';
import { runStatements } from './migration.types';

/**
 * The audit trail. Append-only: triggers refuse UPDATE, DELETE and TRUNCATE, so not even a
 * bug (or an operator with the application's role) can rewrite history through SQL.
 */
const statements = [
  `CREATE TABLE audit_events (
     id bigserial PRIMARY KEY,
     order_id uuid,
     city text NOT NULL,
     type text NOT NULL,
     actor text NOT NULL,
     at timestamptz NOT NULL,
     data jsonb NOT NULL DEFAULT '{}'::jsonb
   )`,
  `CREATE INDEX audit_events_order_idx ON audit_events (order_id, id)`,
  `CREATE INDEX audit_events_city_at_idx ON audit_events (city, at)`,
  `CREATE FUNCTION audit_events_append_only() RETURNS trigger AS $$
   BEGIN
     RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
       USING ERRCODE = 'insufficient_privilege';
   END;
   $$ LANGUAGE plpgsql`,
  `CREATE TRIGGER audit_events_no_update_delete
     BEFORE UPDATE OR DELETE ON audit_events
     FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`,
  `CREATE TRIGGER audit_events_no_truncate
     BEFORE TRUNCATE ON audit_events
     FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, statements);
}
