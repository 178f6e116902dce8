import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { OrderStatus, Requester, TaskStatus } from '../../engine/ports';
import type {
  InboxCounts,
  InboxFilter,
  InboxListOptions,
  InboxRow,
  InboxTab,
  OrderFilter,
  OrderRow,
  Paged,
  Paging,
  WorkOrderQueries,
} from '../../engine/queries/work-order-queries';
import type { DatabaseSchema } from '../database.types';

/** `%`, `_` and `\` match themselves in a LIKE pattern built from a user's words. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const jsonList = (value: string) => JSON.stringify([value]);

/** The conditions of an order search, every value a bound parameter. */
function orderConditions(f: OrderFilter, now: Date): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [sql<SqlBool>`city = ${f.city}`];
  if (f.units)
    where.push(sql<SqlBool>`(lead_unit = ANY(${[...f.units]}::text[]) OR co_units && ${[...f.units]}::text[])`);
  if (f.status !== undefined) where.push(sql<SqlBool>`status = ${f.status}`);
  if (f.category !== undefined) where.push(sql<SqlBool>`category = ${f.category}`);
  if (f.unit !== undefined) where.push(sql<SqlBool>`(lead_unit = ${f.unit} OR ${f.unit} = ANY(co_units))`);
  if (f.dueBefore !== undefined) where.push(sql<SqlBool>`due_at < ${f.dueBefore}`);
  if (f.channel !== undefined) where.push(sql<SqlBool>`channel = ${f.channel}`);
  if (f.receivedFrom !== undefined) where.push(sql<SqlBool>`created_at >= ${f.receivedFrom}`);
  if (f.receivedBefore !== undefined) where.push(sql<SqlBool>`created_at < ${f.receivedBefore}`);
  if (f.overdue !== undefined) {
    const overdue = sql<SqlBool>`(flags @> ${jsonList('overdue')}::jsonb OR (closed_at IS NULL AND due_at < ${now}))`;
    where.push(f.overdue ? overdue : sql<SqlBool>`NOT COALESCE(${overdue}, false)`);
  }
  for (const word of (f.text ?? '').split(/\s+/).filter(Boolean)) {
    const p = likePattern(word);
    const requester = f.matchRequesterPhone ? sql<SqlBool>` OR requester->>'phone' ILIKE ${p} OR requester->>'name' ILIKE ${p}` : sql<SqlBool>``;
    where.push(
      sql<SqlBool>`(content ILIKE ${p} OR number ILIKE ${p} OR COALESCE(topic, '') ILIKE ${p} OR COALESCE(location->>'address', '') ILIKE ${p}${requester})`,
    );
  }
  return where;
}

/** The condition of one inbox tab over `tasks` (see InboxTab for the definitions). */
function tabCondition(f: InboxFilter, tab: InboxTab): Expression<SqlBool> {
  if (tab === 'done') {
    const mine = f.user === null ? sql`true` : sql`tasks.completed_by = ${f.user}`;
    return sql<SqlBool>`(tasks.status = 'completed' AND tasks.completed_at >= ${f.doneSince} AND ${mine})`;
  }
  const mine = f.user === null ? sql`true` : sql`tasks.assignee = ${f.user}`;
  const open = sql`tasks.status = 'open' AND tasks.candidate_roles @> ${jsonList(f.role)}::jsonb AND ${mine}`;
  const toSign = sql`(tasks.assignee IS NULL AND tasks.form_key = ANY(${[...f.signKeys]}::text[]))`;
  const overdue = sql`(tasks.flags @> ${jsonList('overdue')}::jsonb OR COALESCE(tasks.due_at < ${f.now}, false))`;
  const dueSoon = sql`(tasks.flags @> ${jsonList('due-soon')}::jsonb OR COALESCE(tasks.due_at <= ${f.dueSoonBefore}, false))`;
  const specific = {
    'to-sign': toSign,
    'in-progress': sql`NOT ${toSign}`,
    'due-soon': sql`NOT ${overdue} AND ${dueSoon}`,
    overdue,
  }[tab];
  return sql<SqlBool>`(${open} AND ${specific})`;
}

/** A list's own narrowing of a tab: the order's category and lead unit, due today or overdue. */
function listConditions(f: InboxFilter, o: InboxListOptions): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  if (o.category !== undefined) where.push(sql<SqlBool>`work_orders.category = ${o.category}`);
  if (o.leadUnit !== undefined) where.push(sql<SqlBool>`work_orders.lead_unit = ${o.leadUnit}`);
  const overdue = sql<SqlBool>`(tasks.flags @> ${jsonList('overdue')}::jsonb OR COALESCE(tasks.due_at < ${f.now}, false))`;
  if (o.due === 'overdue') where.push(sql<SqlBool>`(tasks.status = 'open' AND ${overdue})`);
  if (o.due === 'today') where.push(sql<SqlBool>`(tasks.status = 'open' AND NOT ${overdue} AND tasks.due_at <= ${f.endOfToday})`);
  return where;
}

function toOrderRow(row: {
  id: string;
  city: string;
  number: string;
  category: string;
  channel: string;
  topic: string | null;
  content: string;
  requester: Requester;
  status: string;
  lead_unit: string | null;
  co_units: string[];
  due_at: Date | null;
  due_provisional: boolean;
  flags: string[];
  created_at: Date;
  closed_at: Date | null;
}): OrderRow {
  return {
    id: row.id,
    city: row.city,
    number: row.number,
    category: row.category,
    channel: row.channel,
    topic: row.topic,
    content: row.content,
    requester: row.requester,
    status: row.status as OrderStatus,
    leadUnit: row.lead_unit,
    coUnits: row.co_units,
    dueAt: row.due_at,
    dueProvisional: row.due_provisional,
    flags: row.flags,
    createdAt: row.created_at,
    closedAt: row.closed_at,
  };
}

const ORDER_COLUMNS = [
  'id',
  'city',
  'number',
  'category',
  'channel',
  'topic',
  'content',
  'requester',
  'status',
  'lead_unit',
  'co_units',
  'due_at',
  'due_provisional',
  'flags',
  'created_at',
  'closed_at',
] as const;

/**
 * Order search and the inbox, read outside any step from the database handle (never inside
 * an open transaction of the same call chain: see repositories.ts). Every user-given value is
 * a bound parameter; text is matched literally.
 */
export function createWorkOrderQueries(db: Kysely<DatabaseSchema>): WorkOrderQueries {
  return {
    async searchOrders(filter: OrderFilter, now: Date, paging: Paging): Promise<Paged<OrderRow>> {
      const where = orderConditions(filter, now);
      const base = db.selectFrom('work_orders').where((eb) => eb.and(where));
      const counted = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      const sorted =
        filter.sort === 'due'
          ? base.select(ORDER_COLUMNS).orderBy('due_at', (ob) => ob.asc().nullsLast()).orderBy('created_at', 'desc')
          : base.select(ORDER_COLUMNS).orderBy('created_at', filter.sort === 'oldest' ? 'asc' : 'desc');
      const rows = await sorted
        .orderBy('id', filter.sort === 'oldest' ? 'asc' : 'desc')
        .limit(paging.pageSize)
        .offset((paging.page - 1) * paging.pageSize)
        .execute();
      return { items: rows.map(toOrderRow), total: Number(counted.n) };
    },

    async inbox(filter: InboxFilter, tab: InboxTab, paging: Paging, options: InboxListOptions = {}): Promise<Paged<InboxRow>> {
      const narrowed = listConditions(filter, options);
      // Counted over tasks alone (every task has its order): an index-only scan of the unit's
      // open tasks (tasks_open_unit_cover_idx) or recent completions (tasks_done_unit_idx).
      // A category or lead unit needs the order: then counted over the join.
      const counting = options.category !== undefined || options.leadUnit !== undefined
        ? db.selectFrom('tasks').innerJoin('work_orders', 'work_orders.id', 'tasks.order_id')
        : db.selectFrom('tasks');
      const counted = await counting
        .where('tasks.city', '=', filter.city)
        .where('tasks.candidate_unit', '=', filter.unit)
        .where(tabCondition(filter, tab))
        .where((eb) => eb.and(narrowed))
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const base = db
        .selectFrom('tasks')
        .innerJoin('work_orders', 'work_orders.id', 'tasks.order_id')
        .where('tasks.city', '=', filter.city)
        .where('tasks.candidate_unit', '=', filter.unit)
        .where(tabCondition(filter, tab))
        .where((eb) => eb.and(narrowed));
      // Open tabs: read in due order from tasks_open_unit_due_idx, stopping at the page. Done: the
      // same order written so PostgreSQL does not walk every task the unit ever completed in due
      // order (tasks_inbox_idx) looking for the last 30 days' ones: it takes those from
      // tasks_done_unit_idx and sorts them (no task is due at 'infinity').
      const dueOrder = tab === 'done' ? sql`COALESCE(tasks.due_at, 'infinity'::timestamptz)` : sql`tasks.due_at`;
      const sort = options.sort ?? 'due';
      const ordered =
        sort === 'due'
          ? base.orderBy(dueOrder, (ob) => ob.asc().nullsLast()).orderBy('tasks.created_at').orderBy('tasks.id')
          : base.orderBy('tasks.created_at', sort === 'newest' ? 'desc' : 'asc').orderBy('tasks.id', sort === 'newest' ? 'desc' : 'asc');
      const rows = await ordered
        .select([
          'tasks.id',
          'tasks.order_id',
          'tasks.name',
          'tasks.form_key',
          'tasks.candidate_unit',
          'tasks.assignee',
          'tasks.due_at',
          'tasks.status',
          'tasks.flags',
          'tasks.created_at',
          'tasks.completed_at',
          'tasks.completed_by',
          'tasks.outcome',
          'work_orders.number',
          'work_orders.category',
          'work_orders.content',
          'work_orders.requester',
          'work_orders.status as order_status',
        ])
        .limit(paging.pageSize)
        .offset((paging.page - 1) * paging.pageSize)
        .execute();
      const items = rows.map((r) => ({
        task: {
          id: r.id,
          orderId: r.order_id,
          name: r.name,
          formKey: r.form_key,
          candidateUnit: r.candidate_unit,
          assignee: r.assignee,
          dueAt: r.due_at,
          status: r.status as TaskStatus,
          flags: r.flags,
          createdAt: r.created_at,
          completedAt: r.completed_at,
          completedBy: r.completed_by,
          outcome: r.outcome,
        },
        order: {
          id: r.order_id,
          number: r.number,
          category: r.category,
          content: r.content,
          requester: r.requester,
          status: r.order_status as OrderStatus,
        },
      }));
      return { items, total: Number(counted.n) };
    },

    async inboxArrivals(filter: InboxFilter, since: Date): Promise<number> {
      // The unit's open tasks (tasks_open_unit_due_idx) and their rows: asked only when the
      // counts of an open inbox changed (src/api/live), not on every look.
      const row = await db
        .selectFrom('tasks')
        .where('city', '=', filter.city)
        .where('candidate_unit', '=', filter.unit)
        .where('status', '=', 'open')
        .where(sql<SqlBool>`candidate_roles @> ${jsonList(filter.role)}::jsonb`)
        .where('created_at', '>', since)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async inboxCounts(filter: InboxFilter): Promise<InboxCounts> {
      // Two index-only scans instead of one pass over every task the unit ever had: its open
      // tasks (tasks_open_unit_cover_idx) for the four open tabs, its recent completions
      // (tasks_done_unit_idx) for done.
      const count = (tab: InboxTab) => sql<string>`count(*) FILTER (WHERE ${tabCondition(filter, tab)})`;
      const open = await db
        .selectFrom('tasks')
        .where('city', '=', filter.city)
        .where('candidate_unit', '=', filter.unit)
        .where('status', '=', 'open')
        .select([count('to-sign').as('toSign'), count('in-progress').as('inProgress'), count('due-soon').as('dueSoon'), count('overdue').as('overdue')])
        .executeTakeFirstOrThrow();
      const done = await db
        .selectFrom('tasks')
        .where('city', '=', filter.city)
        .where('candidate_unit', '=', filter.unit)
        .where(tabCondition(filter, 'done'))
        .select((eb) => eb.fn.countAll<string>().as('done'))
        .executeTakeFirstOrThrow();
      const row = { ...open, done: done.done };
      return {
        'to-sign': Number(row.toSign),
        'in-progress': Number(row.inProgress),
        'due-soon': Number(row.dueSoon),
        overdue: Number(row.overdue),
        done: Number(row.done),
      };
    },
  };
}
