import type { Kysely } from 'kysely';
import { runStatements } from './migration.types';

/**
 * 并单处理 (issue 13, 国办函〔2025〕66号): a call merged into an open order is an appeal of that
 * order: who called, when, by which channel, what they said. An appeal made by merging a
 * recorded order (`source_order_id`) keeps what undoing it restores (`restore`: the order's
 * status and the tasks the merge cancelled); at most one merge of an order is in force.
 * `phone_key` is the normalized number (digits only, a mobile without +86), and an index of
 * the same key on work_orders lets the intake find a caller's earlier orders as they type.
 */
const PHONE_KEY = `regexp_replace(regexp_replace(requester->>'phone', '[^0-9]', '', 'g'), '^86(1[0-9]{10})$', '\\1')`;

const statements = [
  `CREATE TABLE order_appeals (
    id uuid PRIMARY KEY,
    city text NOT NULL,
    order_id uuid NOT NULL REFERENCES work_orders (id),
    source_order_id uuid REFERENCES work_orders (id),
    requester jsonb NOT NULL,
    phone_key text NOT NULL,
    channel text NOT NULL,
    content text NOT NULL,
    called_at timestamptz NOT NULL,
    merged_by text NOT NULL,
    merged_at timestamptz NOT NULL,
    counted_repeat boolean NOT NULL DEFAULT false,
    restore jsonb,
    undone_by text,
    undone_at timestamptz
  )`,
  `CREATE INDEX order_appeals_order_idx ON order_appeals (order_id, called_at)`,
  `CREATE INDEX order_appeals_phone_idx ON order_appeals (city, phone_key) WHERE undone_at IS NULL`,
  `CREATE UNIQUE INDEX order_appeals_source_in_force_idx ON order_appeals (source_order_id) WHERE source_order_id IS NOT NULL AND undone_at IS NULL`,
  `CREATE INDEX work_orders_phone_key_idx ON work_orders (city, (${PHONE_KEY}), created_at DESC)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, statements);
}
