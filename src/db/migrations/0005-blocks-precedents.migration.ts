import type { Kysely } from 'kysely';
import { runStatements } from './migration.types';

/**
 * Caller blocks (a harassing caller barred from intake until a date, HZ-6) and routing
 * precedents (a topic decided once goes to the same unit afterwards, DZ-4); and an index to
 * find a requester's recent orders (repeat detection, HZ-5).
 */
const statements = [
  `CREATE TABLE caller_blocks (
     id bigserial PRIMARY KEY,
     city text NOT NULL,
     phone text NOT NULL,
     reason text NOT NULL,
     order_id uuid,
     blocked_by text NOT NULL,
     blocked_at timestamptz NOT NULL,
     until timestamptz NOT NULL CHECK (until > blocked_at)
   )`,
  `CREATE INDEX caller_blocks_phone_idx ON caller_blocks (city, phone, until DESC)`,
  `CREATE TABLE routing_precedents (
     city text NOT NULL,
     topic text NOT NULL,
     unit text NOT NULL,
     order_id uuid,
     set_by text NOT NULL,
     set_at timestamptz NOT NULL,
     PRIMARY KEY (city, topic)
   )`,
  `CREATE INDEX work_orders_requester_phone_idx ON work_orders (city, (requester->>'phone'), created_at DESC)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, statements);
}
