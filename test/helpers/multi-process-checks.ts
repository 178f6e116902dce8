/**
 * What must hold in the database after orders went through several processes and one was
 * killed (multi-process-kill.test.ts). Each check returns readable violations, so a failure
 * names the order and what is wrong with it.
 */
import type pg from 'pg';
import type { OrderLoad, Plan, TrackedOrder } from './order-load';

const MINHU_JOBS = `name LIKE 'minhu.%'`;

async function rows<T extends pg.QueryResultRow>(db: pg.Pool, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query<T>(sql, params)).rows;
}

const acked = (load: OrderLoad, ...plans: Plan[]) => load.orders.filter((o) => o.orderId && plans.includes(o.plan));
const ids = (orders: TrackedOrder[]) => orders.map((o) => o.orderId as string);

/** Every deadline of the urgent orders has been applied and no job is due, locked or running. */
export async function settled(db: pg.Pool, load: OrderLoad): Promise<boolean> {
  const [counts] = await rows<{ overdue: string; fired: string; busy: string }>(
    db,
    `SELECT (SELECT count(DISTINCT order_id) FROM audit_events WHERE type = 'deadline.order-overdue' AND order_id = ANY($1)) AS overdue,
            (SELECT count(DISTINCT order_id) FROM audit_events WHERE type = 'timer.fired' AND order_id = ANY($2)) AS fired,
            (SELECT count(*) FROM agenda_jobs WHERE ${MINHU_JOBS} AND (locked_at IS NOT NULL OR next_run_at <= now())) AS busy`,
    [ids(acked(load, 'untouched', 'signed')), ids(acked(load, 'signed'))],
  );
  return (
    Number(counts?.overdue) === acked(load, 'untouched', 'signed').length &&
    Number(counts?.fired) === acked(load, 'signed').length &&
    Number(counts?.busy) === 0
  );
}

export interface KillReport {
  violations: string[];
  /** Jobs the victim had locked when it died that another worker then ran to the end. */
  takenOver: number;
  /** Jobs that failed at least once (and were retried). */
  failedOnce: number;
}

export async function checkAfterKill(db: pg.Pool, load: OrderLoad, victimJobs: string[], victim: string): Promise<KillReport> {
  const violations = [
    ...(await intakesOnce(db, load)),
    ...(await tasksOnce(db)),
    ...(await deadlinesOnce(db, load)),
    ...(await finalStates(db, load)),
    ...(await jobsDone(db, load)),
  ];
  const victimRows = await rows<{ id: string; locked_at: Date | null; last_modified_by: string | null; last_finished_at: Date | null }>(
    db,
    `SELECT id, locked_at, last_modified_by, last_finished_at FROM agenda_jobs WHERE id = ANY($1::uuid[])`,
    [victimJobs],
  );
  for (const j of victimRows)
    if (j.locked_at && j.last_modified_by === victim) violations.push(`job ${j.id}: still locked by the killed worker`);
  const takenOver = victimRows.filter((j) => j.last_modified_by !== victim && j.last_finished_at).length;
  const [failed] = await rows<{ n: string }>(db, `SELECT count(*) AS n FROM agenda_jobs WHERE ${MINHU_JOBS} AND fail_count > 0`);
  return { violations, takenOver, failedOnce: Number(failed?.n ?? 0) };
}

/** Every acknowledged intake is one order, with its key; no order without an acknowledged key; numbers unique. */
async function intakesOnce(db: pg.Pool, load: OrderLoad): Promise<string[]> {
  const out: string[] = [];
  const orders = await rows<{ id: string; number: string }>(db, `SELECT id, number FROM work_orders`);
  const keys = await rows<{ key: string; order_id: string }>(db, `SELECT key, order_id FROM idempotency_keys`);
  const keyOf = new Map(keys.map((k) => [k.order_id, k.key]));
  const tracked = new Map(load.orders.map((o) => [o.key, o]));
  for (const o of load.orders) if (!o.orderId) out.push(`${o.key}: intake never acknowledged`);
  for (const o of orders) {
    const key = keyOf.get(o.id);
    const t = key ? tracked.get(key) : undefined;
    if (!t) out.push(`order ${o.number}: no intake key of the clients (an order nobody was told about)`);
    else if (t.orderId !== o.id) out.push(`order ${o.number}: key ${key} was acknowledged with order ${t.orderId ?? 'none'}`);
  }
  const stored = new Set(orders.map((o) => o.id));
  for (const o of load.orders) if (o.orderId && !stored.has(o.orderId)) out.push(`${o.key}: acknowledged order ${o.orderId} is not in the database`);
  if (keys.length !== orders.length) out.push(`${orders.length} orders but ${keys.length} intake keys`);
  const numbers = new Set(orders.map((o) => o.number));
  if (numbers.size !== orders.length) out.push(`${orders.length - numbers.size} order number(s) given twice`);
  return out;
}

/** No activity of an order open twice, none completed twice (no step of these plans repeats one). */
async function tasksOnce(db: pg.Pool): Promise<string[]> {
  const dups = await rows<{ order_id: string; activity_id: string; status: string; n: string }>(
    db,
    `SELECT order_id, activity_id, status, count(*) AS n FROM tasks WHERE status IN ('open', 'completed')
      GROUP BY order_id, activity_id, status HAVING count(*) > 1`,
  );
  return dups.map((d) => `order ${d.order_id}: ${d.n} ${d.status} ${d.activity_id} tasks`);
}

/** Overdue marks and BPMN timers: once each where due, never where the order was closed in time. */
async function deadlinesOnce(db: pg.Pool, load: OrderLoad): Promise<string[]> {
  const out: string[] = [];
  const events = await rows<{ order_id: string; type: string; task_id: string | null; n: string }>(
    db,
    `SELECT order_id, type, data->>'taskId' AS task_id, count(*) AS n FROM audit_events
      WHERE type LIKE 'deadline.%' OR type = 'timer.fired' GROUP BY order_id, type, data->>'taskId'`,
  );
  for (const e of events) if (Number(e.n) > 1) out.push(`order ${e.order_id}: ${e.type}${e.task_id ? ` of task ${e.task_id}` : ''} ${e.n} times`);
  const has = (orderId: string, type: string) => events.some((e) => e.order_id === orderId && e.type === type);
  for (const o of acked(load, 'untouched', 'signed', 'closed')) {
    const id = o.orderId as string;
    const urgent = o.plan !== 'closed';
    if (has(id, 'deadline.order-overdue') !== urgent) out.push(`${o.plan} order ${id}: deadline.order-overdue ${urgent ? 'missing' : 'applied'}`);
    if (has(id, 'timer.fired') !== (o.plan === 'signed')) out.push(`${o.plan} order ${id}: timer.fired ${o.plan === 'signed' ? 'missing' : 'applied'}`);
  }
  return out;
}

const EXPECTED: Record<Plan, { status: string; overdue: boolean; open: string; done: string }> = {
  untouched: { status: 'dispatched', overdue: true, open: 'sign!', done: '' },
  signed: { status: 'in-progress', overdue: true, open: 'handle!,remind', done: 'sign' },
  closed: { status: 'closed', overdue: false, open: '', done: 'handle,review,sign,visit' },
};

/** Each order where its plan leaves it: status, overdue flag, open tasks (! = flagged overdue) and done ones. */
async function finalStates(db: pg.Pool, load: OrderLoad): Promise<string[]> {
  const out: string[] = [];
  const orders = await rows<{ id: string; status: string; flags: string[]; closed_at: Date | null }>(db, `SELECT id, status, flags, closed_at FROM work_orders`);
  const tasks = await rows<{ order_id: string; activity_id: string; status: string; flags: string[] }>(
    db,
    `SELECT order_id, activity_id, status, flags FROM tasks ORDER BY activity_id`,
  );
  const byId = new Map(orders.map((o) => [o.id, o]));
  for (const t of load.orders) {
    const o = t.orderId ? byId.get(t.orderId) : undefined;
    if (!o) continue; // intakesOnce names it
    const mine = tasks.filter((x) => x.order_id === o.id);
    const open = mine.filter((x) => x.status === 'open').map((x) => `${x.activity_id}${x.flags.includes('overdue') ? '!' : ''}`).join(',');
    const done = mine.filter((x) => x.status === 'completed').map((x) => x.activity_id).join(',');
    const actual = { status: o.status, overdue: o.flags.includes('overdue'), open, done };
    if (JSON.stringify(actual) !== JSON.stringify(EXPECTED[t.plan])) out.push(`${t.plan} order ${o.id}: ${JSON.stringify(actual)}, expected ${JSON.stringify(EXPECTED[t.plan])}`);
    if ((o.status === 'closed') !== Boolean(o.closed_at)) out.push(`order ${o.id}: status ${o.status} with closed_at ${String(o.closed_at)}`);
  }
  return out;
}

/** No job failed for good (a failed run is retried), none still locked or due; a closed order keeps no pending job. */
async function jobsDone(db: pg.Pool, load: OrderLoad): Promise<string[]> {
  const bad = await rows<{ name: string; key: string; why: string }>(
    db,
    `SELECT name, data->>'key' AS key,
            CASE WHEN failed_at IS NOT NULL AND failed_at >= last_finished_at AND next_run_at IS NULL THEN 'failed for good: ' || coalesce(fail_reason, '?')
                 WHEN locked_at IS NOT NULL THEN 'still locked by ' || coalesce(last_modified_by, '?')
                 WHEN next_run_at <= now() THEN 'due and not run'
                 ELSE 'pending for a closed order' END AS why
       FROM agenda_jobs
      WHERE ${MINHU_JOBS} AND ((failed_at IS NOT NULL AND failed_at >= last_finished_at AND next_run_at IS NULL) OR locked_at IS NOT NULL OR next_run_at <= now()
            OR (next_run_at IS NOT NULL AND data->>'orderId' = ANY($1)))`,
    [ids(acked(load, 'closed'))],
  );
  return bad.map((j) => `job ${j.name} ${j.key}: ${j.why}`);
}
