import { sql, type Kysely } from 'kysely';

/**
 * One versioned schema change. `up` runs inside a transaction that the runner opens
 * (src/db/migrations/migrate.ts); it must not commit or open its own.
 */
export interface Migration {
  /** Applied in ascending order; recorded in `schema_migrations.version`. */
  version: number;
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

/** Runs DDL statements one by one (each as its own protocol message, so errors point at it). */
export async function runStatements(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
