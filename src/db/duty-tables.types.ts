/** Kysely's view of the tables of migration 0009 (duty rota, duty log, leader days). */
import type { NullableTimestamp, Timestamp } from './database.types';

export interface DutyMonthsTable {
  city: string;
  month: string;
  status: string;
  published_by: string | null;
  published_at: NullableTimestamp;
}

export interface DutyRotaEntriesTable {
  id: string;
  city: string;
  duty_date: string;
  unit: string;
  person: string;
  role: string;
  created_by: string;
  created_at: Timestamp;
}

export interface DutyLogEntriesTable {
  id: string;
  city: string;
  duty_date: string;
  kind: string;
  text: string;
  author: string;
  author_name: string;
  author_unit: string;
  at: Timestamp;
}

export interface LeaderDaysTable {
  id: string;
  city: string;
  leader: string;
  title: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  announced_by: string;
  announced_at: Timestamp;
  cancelled_by: string | null;
  cancelled_at: NullableTimestamp;
  cancel_reason: string | null;
}

/** The duty tables, merged into DatabaseSchema. */
export interface DutyTables {
  duty_months: DutyMonthsTable;
  duty_rota_entries: DutyRotaEntriesTable;
  duty_log_entries: DutyLogEntriesTable;
  leader_days: LeaderDaysTable;
}
