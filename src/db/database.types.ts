/**
 * Kysely's view of the tables created by src/db/migrations. Column names are the SQL ones
 * (snake_case); repositories map rows to the domain shapes of src/engine/ports.ts.
 *
 * JSONB columns are written as JSON text (`JSON.stringify`) and read back parsed by `pg`;
 * timestamptz columns are read as `Date`. `bigserial` comes back from `pg` as a string.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { DutyTables } from './duty-tables.types';

/** A JSONB column: read parsed as T, written as JSON text. */
export type Json<T> = ColumnType<T, string, string>;
/** A JSONB column that may be NULL. */
export type NullableJson<T> = ColumnType<T | null, string | null, string | null>;
export type Timestamp = ColumnType<Date, Date, Date>;
export type NullableTimestamp = ColumnType<Date | null, Date | null, Date | null>;
/** A timestamptz with an SQL default (a fallback only: repositories always pass the time). */
export type DefaultedTimestamp = ColumnType<Date, Date | undefined, Date>;

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: ColumnType<Date, Date | undefined, never>;
}

export interface DeploymentsTable {
  process_key: string;
  version: number;
  xml: string;
  hash: string;
  deployed_by: string;
  deployed_at: Timestamp;
}

export interface PolicyVersionsTable {
  city: string;
  version: number;
  yaml: string;
  hash: string;
  saved_by: string;
  saved_at: Timestamp;
}

export interface ProcessInstancesTable {
  id: string;
  order_id: string;
  process_key: string;
  process_version: number;
  status: string;
  state: Json<unknown>;
  row_version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkOrdersTable {
  id: string;
  city: string;
  number: string;
  category: string;
  channel: string;
  topic: string | null;
  content: string;
  requester: Json<{ name: string; phone: string }>;
  location: Json<{ district?: string; address?: string }>;
  status: string;
  lead_unit: string | null;
  co_units: string[];
  due_at: NullableTimestamp;
  due_provisional: boolean;
  flags: Json<string[]>;
  data: Json<Record<string, unknown>>;
  process_key: string;
  process_version: number;
  policy_version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: NullableTimestamp;
}

export interface OrderNumberCountersTable {
  city: string;
  /** Asia/Shanghai local date, `YYYYMMDD`. */
  day: string;
  last: number;
}

export interface TasksTable {
  id: string;
  order_id: string;
  instance_id: string;
  city: string;
  execution_id: string;
  activity_id: string;
  form_key: string;
  name: string;
  candidate_unit: string;
  candidate_roles: Json<string[]>;
  assignee: string | null;
  created_at: Timestamp;
  due_at: NullableTimestamp;
  status: string;
  completed_by: string | null;
  completed_at: NullableTimestamp;
  outcome: string | null;
  form_data: NullableJson<Record<string, unknown>>;
  flags: Json<string[]>;
}

export interface AuditEventsTable {
  /** bigserial: `pg` returns it as a string. */
  id: ColumnType<string, never, never>;
  order_id: string | null;
  city: string;
  type: string;
  actor: string;
  at: Timestamp;
  data: Json<Record<string, unknown>>;
}

/** The table of @agendajs/postgres-backend 3.0.6 (see migration 0004). */
export interface AgendaJobsTable {
  id: Generated<string>;
  name: string;
  priority: ColumnType<number, number | undefined, number>;
  next_run_at: NullableTimestamp;
  type: ColumnType<string, string | undefined, string>;
  locked_at: NullableTimestamp;
  last_finished_at: NullableTimestamp;
  failed_at: NullableTimestamp;
  fail_count: number | null;
  fail_reason: string | null;
  repeat_timezone: string | null;
  last_run_at: NullableTimestamp;
  repeat_interval: string | null;
  data: ColumnType<Record<string, unknown> | null, string | undefined, string>;
  repeat_at: string | null;
  disabled: ColumnType<boolean | null, boolean | undefined, boolean>;
  progress: number | null;
  fork: ColumnType<boolean | null, boolean | undefined, boolean>;
  last_modified_by: string | null;
  debounce_started_at: NullableTimestamp;
  start_date: NullableTimestamp;
  end_date: NullableTimestamp;
  skip_days: NullableJson<unknown>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface DatabaseSchema extends DutyTables {
  schema_migrations: SchemaMigrationsTable;
  deployments: DeploymentsTable;
  policy_versions: PolicyVersionsTable;
  process_instances: ProcessInstancesTable;
  work_orders: WorkOrdersTable;
  order_number_counters: OrderNumberCountersTable;
  tasks: TasksTable;
  audit_events: AuditEventsTable;
  agenda_jobs: AgendaJobsTable;
  caller_blocks: CallerBlocksTable;
  routing_precedents: RoutingPrecedentsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  idempotency_keys: IdempotencyKeysTable;
  knowledge_entries: KnowledgeEntriesTable;
  order_appeals: OrderAppealsTable;
  attachments: AttachmentsTable;
}

export interface AttachmentsTable {
  id: string;
  order_id: string;
  city: string;
  name: string;
  type: string;
  size: number;
  /** bytea: written and read as a Buffer. */
  content: Buffer;
  uploaded_by: string;
  uploaded_unit: string;
  uploaded_at: Timestamp;
}

export interface UsersTable {
  id: string;
  username: string;
  city: string;
  display_name: string;
  role: string;
  unit: string;
  password_hash: string;
  active: boolean;
  demo: boolean;
  created_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
  expires_at: Timestamp;
}

export interface LoginFailuresTable {
  id: Generated<string>;
  username: string;
  ip: string;
  at: Timestamp;
}

export interface IdempotencyKeysTable {
  actor: string;
  key: string;
  request_hash: string;
  order_id: string;
  created_at: Timestamp;
}

export interface KnowledgeEntriesTable {
  id: string;
  city: string;
  title: string;
  answer: string;
  category: string | null;
  topic: string | null;
  status: string;
  proposed_by: string;
  proposed_at: Timestamp;
  decided_by: string | null;
  decided_at: NullableTimestamp;
}

export interface CallerBlocksTable {
  id: Generated<string>;
  city: string;
  phone: string;
  reason: string;
  order_id: string | null;
  blocked_by: string;
  blocked_at: Timestamp;
  until: Timestamp;
}

export interface RoutingPrecedentsTable {
  city: string;
  topic: string;
  unit: string;
  order_id: string | null;
  set_by: string;
  set_at: Timestamp;
}

/** 并单: a call merged into an open order (migration 14). */
export interface OrderAppealsTable {
  id: string;
  city: string;
  order_id: string;
  source_order_id: string | null;
  requester: Json<{ name: string; phone: string }>;
  phone_key: string;
  channel: string;
  content: string;
  called_at: Timestamp;
  merged_by: string;
  merged_at: Timestamp;
  counted_repeat: boolean;
  restore: NullableJson<{ status: string; taskIds: string[] }>;
  undone_by: string | null;
  undone_at: NullableTimestamp;
}

export type WorkOrderRow = Selectable<WorkOrdersTable>;
export type NewWorkOrderRow = Insertable<WorkOrdersTable>;
export type TaskRow = Selectable<TasksTable>;
export type ProcessInstanceRow = Selectable<ProcessInstancesTable>;
export type AgendaJobRow = Selectable<AgendaJobsTable>;
