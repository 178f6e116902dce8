import type { Kysely } from 'kysely';
import { runStatements } from './migration.types';

/** Deployed BPMN definitions and saved city policies: immutable, versioned per key. */
const statements = [
  `CREATE TABLE deployments (
     process_key text NOT NULL,
     version integer NOT NULL CHECK (version > 0),
     xml text NOT NULL,
     hash text NOT NULL,
     deployed_by text NOT NULL,
     deployed_at timestamptz NOT NULL,
     PRIMARY KEY (process_key, version)
   )`,
  `CREATE TABLE policy_versions (
     city text NOT NULL,
     version integer NOT NULL CHECK (version > 0),
     yaml text NOT NULL,
     hash text NOT NULL,
     saved_by text NOT NULL,
     saved_at timestamptz NOT NULL,
     PRIMARY KEY (city, version)
   )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, statements);
}
