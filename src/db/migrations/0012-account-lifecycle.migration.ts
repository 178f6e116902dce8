import type { Kysely } from 'kysely';
import { runStatements } from './migration.types';

/**
 * Accounts that can be cut off (issue 12): every API token has an expiry and records who
 * revoked it; a city administrator lists a city's tokens by owner; login throttling counts the
 * failures of one username from one address. Tokens issued before this migration expire a year
 * after they were issued, and never sooner than 90 days from now.
 */
const statements = [
  `ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz`,
  `UPDATE api_tokens SET expires_at = greatest(created_at + interval '365 days', now() + interval '90 days')`,
  `ALTER TABLE api_tokens ALTER COLUMN expires_at SET NOT NULL`,
  `ALTER TABLE api_tokens ADD COLUMN revoked_by text`,
  `CREATE INDEX api_tokens_user_idx ON api_tokens (user_id)`,
  `CREATE INDEX login_failures_user_ip_idx ON login_failures (username, ip, at DESC)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, statements);
}
