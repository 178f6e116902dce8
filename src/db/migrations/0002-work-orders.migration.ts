import type { Kysely } from 'kysely';
import { runStatements } from './migration.types';

/**
 * Work orders, their numbers, their process instance and their tasks (the inbox).
 * Status columns are plain text: their values are defined by src/engine/ports.ts (and grow
 * with it), not repeated here as CHECK constraints.
 */
const statements = [
  `CREATE TABLE work_orders (
     id uuid PRIMARY KEY,
     city text NOT NULL,
     number text NOT NULL,
     category text NOT NULL,
     channel text NOT NULL,
     topic text,
     content text NOT NULL,
     requester jsonb NOT NULL,
     location jsonb NOT NULL DEFAULT '{}'::jsonb,
     status text NOT NULL,
     lead_unit text,
     co_units text[] NOT NULL DEFAULT '{}',
     due_at timestamptz,
     due_provisional boolean NOT NULL DEFAULT false,
     flags jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(flags) = 'array'),
     data jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(data) = 'object'),
     process_key text NOT NULL,
     process_version integer NOT NULL,
     policy_version integer NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     closed_at timestamptz,
     CONSTRAINT work_orders_city_number_key UNIQUE (city, number)
   )`,
  `CREATE INDEX work_orders_city_status_idx ON work_orders (city, status, created_at)`,
  `CREATE INDEX work_orders_due_at_idx ON work_orders (due_at) WHERE closed_at IS NULL`,
  `CREATE INDEX work_orders_lead_unit_idx ON work_orders (lead_unit, status)`,
  `CREATE INDEX work_orders_city_created_idx ON work_orders (city, created_at)`,
  `CREATE TABLE order_number_counters (
     city text NOT NULL,
     day char(8) NOT NULL,
     last integer NOT NULL,
     PRIMARY KEY (city, day)
   )`,
  `CREATE TABLE process_instances (
     id uuid PRIMARY KEY,
     order_id uuid NOT NULL REFERENCES work_orders (id),
     process_key text NOT NULL,
     process_version integer NOT NULL,
     status text NOT NULL,
     state jsonb NOT NULL,
     row_version integer NOT NULL DEFAULT 1,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     CONSTRAINT process_instances_order_id_key UNIQUE (order_id)
   )`,
  `CREATE TABLE tasks (
     id uuid PRIMARY KEY,
     order_id uuid NOT NULL REFERENCES work_orders (id),
     instance_id uuid NOT NULL REFERENCES process_instances (id),
     city text NOT NULL,
     execution_id text NOT NULL,
     activity_id text NOT NULL,
     form_key text NOT NULL,
     name text NOT NULL,
     candidate_unit text NOT NULL,
     candidate_roles jsonb NOT NULL DEFAULT '[]'::jsonb,
     assignee text,
     created_at timestamptz NOT NULL DEFAULT now(),
     due_at timestamptz,
     status text NOT NULL,
     completed_by text,
     completed_at timestamptz,
     outcome text,
     form_data jsonb,
     flags jsonb NOT NULL DEFAULT '[]'::jsonb,
     CONSTRAINT tasks_execution_id_key UNIQUE (execution_id)
   )`,
  `CREATE INDEX tasks_inbox_idx ON tasks (candidate_unit, status, due_at)`,
  `CREATE INDEX tasks_order_id_idx ON tasks (order_id, created_at)`,
  `CREATE INDEX tasks_city_status_idx ON tasks (city, status, due_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, statements);
}
