import type { Kysely } from 'kysely';
import { runStatements } from './migration.types';

/**
 * Attachments (issue 13 point 6): photos and documents of an order, the bytes in the database
 * (bytea) so the embedded PGlite needs nothing more and a file commits with the step that
 * uploads it. The type is the one sniffed from the bytes; the uploader's unit decides which
 * forms may attach it.
 */
const statements = [
  `CREATE TABLE attachments (
     id uuid PRIMARY KEY,
     order_id uuid NOT NULL REFERENCES work_orders (id),
     city text NOT NULL,
     name text NOT NULL,
     type text NOT NULL,
     size integer NOT NULL CHECK (size > 0),
     content bytea NOT NULL,
     uploaded_by text NOT NULL,
     uploaded_unit text NOT NULL,
     uploaded_at timestamptz NOT NULL
   )`,
  `CREATE INDEX attachments_order_idx ON attachments (order_id, uploaded_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, statements);
}
