import type { Kysely } from 'kysely';
import { runStatements } from './migration.types';

/**
 * The duty rota of member-unit heads (HK-9): a row per month (draft, then published) and its
 * entries; the duty log and handover of each duty day (HK-10, one handover a day); the leaders'
 * answering sessions (PDS-18, HZ-10). Duty days are local dates kept as 'YYYY-MM-DD' text.
 */
const statements = [
  `CREATE TABLE duty_months (
     city text NOT NULL,
     month text NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
     status text NOT NULL CHECK (status IN ('draft', 'published')),
     published_by text,
     published_at timestamptz,
     PRIMARY KEY (city, month)
   )`,
  `CREATE TABLE duty_rota_entries (
     id uuid PRIMARY KEY,
     city text NOT NULL,
     duty_date text NOT NULL CHECK (duty_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
     unit text NOT NULL,
     person text NOT NULL,
     role text NOT NULL CHECK (role IN ('head', 'deputy')),
     created_by text NOT NULL,
     created_at timestamptz NOT NULL
   )`,
  `CREATE INDEX duty_rota_entries_day_idx ON duty_rota_entries (city, duty_date)`,
  `CREATE UNIQUE INDEX duty_rota_entries_person_idx ON duty_rota_entries (city, duty_date, person)`,
  `CREATE TABLE duty_log_entries (
     id uuid PRIMARY KEY,
     city text NOT NULL,
     duty_date text NOT NULL,
     kind text NOT NULL CHECK (kind IN ('log', 'handover')),
     text text NOT NULL,
     author text NOT NULL,
     author_name text NOT NULL,
     author_unit text NOT NULL,
     at timestamptz NOT NULL
   )`,
  `CREATE INDEX duty_log_entries_day_idx ON duty_log_entries (city, duty_date, at)`,
  `CREATE UNIQUE INDEX duty_log_entries_handover_idx ON duty_log_entries (city, duty_date) WHERE kind = 'handover'`,
  `CREATE TABLE leader_days (
     id uuid PRIMARY KEY,
     city text NOT NULL,
     leader text NOT NULL,
     title text NOT NULL,
     starts_at timestamptz NOT NULL,
     ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
     announced_by text NOT NULL,
     announced_at timestamptz NOT NULL,
     cancelled_by text,
     cancelled_at timestamptz,
     cancel_reason text
   )`,
  `CREATE INDEX leader_days_city_idx ON leader_days (city, starts_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, statements);
}
