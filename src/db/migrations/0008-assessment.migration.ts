import type { Kysely } from 'kysely';
import { runStatements } from './migration.types';

/**
 * The monthly assessment (issue 6). A run is an immutable snapshot of one month's result
 * with the policy version it used; a month's published run is recorded once. Both refuse
 * UPDATE and DELETE, so a later policy change or a re-run can never rewrite a published month.
 * Findings, manual score items and accountability measures are what the centre enters.
 */
const statements = [
  `CREATE TABLE assessment_runs (
     id uuid PRIMARY KEY,
     city text NOT NULL,
     period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
     policy_version integer NOT NULL,
     trigger text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
     computed_by text NOT NULL,
     computed_at timestamptz NOT NULL,
     result jsonb NOT NULL
   )`,
  `CREATE INDEX assessment_runs_city_period_idx ON assessment_runs (city, period, computed_at)`,
  `CREATE TABLE assessment_publications (
     city text NOT NULL,
     period text NOT NULL,
     run_id uuid NOT NULL REFERENCES assessment_runs (id),
     published_by text NOT NULL,
     published_at timestamptz NOT NULL,
     PRIMARY KEY (city, period)
   )`,
  `CREATE FUNCTION assessment_immutable() RETURNS trigger AS $$
   BEGIN
     RAISE EXCEPTION '% is immutable: % refused', TG_TABLE_NAME, TG_OP
       USING ERRCODE = 'insufficient_privilege';
   END;
   $$ LANGUAGE plpgsql`,
  `CREATE TRIGGER assessment_runs_immutable BEFORE UPDATE OR DELETE ON assessment_runs
     FOR EACH ROW EXECUTE FUNCTION assessment_immutable()`,
  `CREATE TRIGGER assessment_publications_immutable BEFORE UPDATE OR DELETE ON assessment_publications
     FOR EACH ROW EXECUTE FUNCTION assessment_immutable()`,
  `CREATE TABLE unit_findings (
     id uuid PRIMARY KEY,
     city text NOT NULL,
     unit text NOT NULL,
     order_id uuid REFERENCES work_orders (id),
     kind text NOT NULL,
     reason text NOT NULL,
     evidence text,
     recorded_by text NOT NULL,
     at timestamptz NOT NULL
   )`,
  `CREATE INDEX unit_findings_city_at_idx ON unit_findings (city, at)`,
  `CREATE TABLE manual_scores (
     city text NOT NULL,
     period text NOT NULL,
     unit text NOT NULL,
     item text NOT NULL,
     points numeric NOT NULL,
     note text,
     entered_by text NOT NULL,
     at timestamptz NOT NULL,
     PRIMARY KEY (city, period, unit, item)
   )`,
  `CREATE TABLE accountability_measures (
     id uuid PRIMARY KEY,
     run_id uuid NOT NULL REFERENCES assessment_runs (id),
     unit text NOT NULL,
     rule_id text NOT NULL,
     measure text NOT NULL,
     note text,
     recorded_by text NOT NULL,
     at timestamptz NOT NULL
   )`,
  `CREATE INDEX accountability_measures_run_idx ON accountability_measures (run_id, at)`,
  /** The assessment reads orders by when they closed, as the dashboard reads them by when they came in. */
  `CREATE INDEX work_orders_city_closed_idx ON work_orders (city, closed_at) WHERE closed_at IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, statements);
}
