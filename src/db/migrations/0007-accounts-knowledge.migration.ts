import type { Kysely } from 'kysely';
import { runStatements } from './migration.types';

/**
 * People and their access (users, browser sessions, API tokens, failed logins for throttling),
 * the idempotency keys of intake, and the knowledge base (HZ-7, HZ-14).
 */
const statements = [
  `CREATE TABLE users (
     id uuid PRIMARY KEY,
     username text NOT NULL UNIQUE,
     city text NOT NULL,
     display_name text NOT NULL,
     role text NOT NULL,
     unit text NOT NULL,
     password_hash text NOT NULL,
     active boolean NOT NULL DEFAULT true,
     demo boolean NOT NULL DEFAULT false,
     created_at timestamptz NOT NULL
   )`,
  `CREATE TABLE sessions (
     id_hash text PRIMARY KEY,
     user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     csrf_token text NOT NULL,
     created_at timestamptz NOT NULL,
     expires_at timestamptz NOT NULL
   )`,
  `CREATE INDEX sessions_user_idx ON sessions (user_id)`,
  `CREATE TABLE api_tokens (
     id uuid PRIMARY KEY,
     user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     name text NOT NULL,
     token_hash text NOT NULL UNIQUE,
     created_at timestamptz NOT NULL,
     last_used_at timestamptz,
     revoked_at timestamptz
   )`,
  `CREATE TABLE login_failures (
     id bigserial PRIMARY KEY,
     username text NOT NULL,
     ip text NOT NULL,
     at timestamptz NOT NULL
   )`,
  `CREATE INDEX login_failures_recent_idx ON login_failures (username, at DESC)`,
  `CREATE INDEX login_failures_ip_idx ON login_failures (ip, at DESC)`,
  `CREATE TABLE idempotency_keys (
     actor text NOT NULL,
     key text NOT NULL,
     request_hash text NOT NULL,
     order_id uuid NOT NULL,
     created_at timestamptz NOT NULL,
     PRIMARY KEY (actor, key)
   )`,
  `CREATE TABLE knowledge_entries (
     id uuid PRIMARY KEY,
     city text NOT NULL,
     title text NOT NULL,
     answer text NOT NULL,
     category text,
     topic text,
     status text NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected')),
     proposed_by text NOT NULL,
     proposed_at timestamptz NOT NULL,
     decided_by text,
     decided_at timestamptz
   )`,
  `CREATE INDEX knowledge_entries_city_idx ON knowledge_entries (city, status)`,
  `CREATE INDEX tasks_open_unit_due_idx ON tasks (city, candidate_unit, due_at) WHERE status = 'open'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, statements);
}
