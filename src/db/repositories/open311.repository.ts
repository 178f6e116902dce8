import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Open311Queries, OrderKind, PublicOrder, PublicOrderQuery } from '../../engine/open311/open311-queries';
import type { OrderStatus } from '../../engine/ports';
import type { DatabaseSchema } from '../database.types';

/**
 * The public reads of Open311 (src/engine/open311/open311-queries.ts). The select list has no
 * `requester` column: the requester's name and phone are never read here.
 */
export function createOpen311Repository(db: Kysely<DatabaseSchema>): Open311Queries {
  const publicOrders = () =>
    db
      .selectFrom('work_orders')
      .select([
        'city',
        'number',
        'category',
        'topic',
        'content',
        'status',
        'lead_unit',
        'location',
        sql<unknown>`data->'geo'`.as('geo'),
        'due_at',
        'created_at',
        'updated_at',
        'closed_at',
      ]);
  return {
    async findByNumbers(city: string, numbers: string[], partner?: string): Promise<PublicOrder[]> {
      if (numbers.length === 0) return [];
      const rows = await publicOrders()
        .where('city', '=', city)
        .where(sql<string>`data->>'source'`, '=', 'open311')
        .$if(partner !== undefined, (q) => q.where(sql<string>`data->>'partner'`, '=', partner ?? ''))
        .where('number', 'in', numbers)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toPublicOrder);
    },

    async findCreated(query: PublicOrderQuery): Promise<PublicOrder[]> {
      let q = publicOrders()
        .where('city', '=', query.city)
        .where(sql<string>`data->>'source'`, '=', 'open311')
        .where('created_at', '>=', query.from)
        .where('created_at', '<=', query.to)
        .$if(query.partner !== undefined, (w) => w.where(sql<string>`data->>'partner'`, '=', query.partner ?? ''));
      const { statuses, kinds } = query;
      if (statuses) q = q.where((eb) => (statuses.length ? eb('status', 'in', statuses) : eb.val(false)));
      if (kinds) q = q.where((eb) => (kinds.length ? eb.or(kinds.map((k) => kindMatches(eb, k))) : eb.val(false)));
      const rows = await q.orderBy('created_at', 'desc').orderBy('number', 'desc').limit(query.limit).execute();
      return rows.map(toPublicOrder);
    },
  };
}

function kindMatches(eb: ExpressionBuilder<DatabaseSchema, 'work_orders'>, kind: OrderKind): Expression<SqlBool> {
  if ('topic' in kind) return eb.and([eb('category', '=', kind.category), eb('topic', '=', kind.topic)]);
  const noOtherTopic = kind.topicNotIn.length
    ? eb.or([eb('topic', 'is', null), eb('topic', 'not in', kind.topicNotIn)])
    : eb.val(true);
  return eb.and([eb('category', '=', kind.category), noOtherTopic]);
}

function toGeo(value: unknown): PublicOrder['geo'] {
  const geo = value as { lat?: unknown; long?: unknown } | null;
  return geo && typeof geo.lat === 'number' && typeof geo.long === 'number' ? { lat: geo.lat, long: geo.long } : null;
}

function toPublicOrder(row: {
  city: string;
  number: string;
  category: string;
  topic: string | null;
  content: string;
  status: string;
  lead_unit: string | null;
  location: PublicOrder['location'];
  geo: unknown;
  due_at: Date | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}): PublicOrder {
  return {
    city: row.city,
    number: row.number,
    category: row.category,
    topic: row.topic,
    content: row.content,
    status: row.status as OrderStatus,
    leadUnit: row.lead_unit,
    location: row.location,
    geo: toGeo(row.geo),
    dueAt: row.due_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  };
}
