/**
 * A data generator: fills a database with a year of one city's orders, generated inside the
 * database (generate_series, a fixed seed) so a million rows take seconds, not hours. Each order
 * has a category and channel of the city's policy, a lead unit of its tree, a due time, a
 * 30-minute contact task (done in time for most), and — for the 93% that are closed — a closing
 * time (some after the due time) and a satisfaction rating; a few are repeats or supervised late.
 *
 * With `openTasks`, that many orders (every k-th, spread over the year) are still being handled:
 * open, no closing time, and one open task of the city's unit tasks (签收 / 联系 / 办理 …, their
 * roles from the policy, some claimed) for the lead unit, due around `now` — about 30% overdue,
 * a tenth due within a day — so inbox tabs see a working year, not an empty one.
 */
import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../src/db/database.types';
import { allUnitNames } from '../src/engine/policy/load-policies';
import type { Policy } from '../src/engine/policy/policy.schema';
import { signFormKeys } from '../src/engine/queries/work-order-queries';

export interface YearOptions {
  orders: number;
  year: number;
  /** Orders per statement (memory of one INSERT … SELECT). */
  batch?: number;
  /** The year starts here instead of on 1 January of `year` (e.g. one year before now). */
  start?: Date;
  /** How many orders are still open with one open task (default 0: 93% closed, 7% open, no open task). */
  openTasks?: number;
  /** "Now" for the open tasks' due times (default: the end of the year). */
  now?: Date;
}

export async function generateYearOfOrders(db: Kysely<DatabaseSchema>, policy: Policy, opts: YearOptions, progress: (done: number) => void): Promise<void> {
  const units = allUnitNames(policy);
  const categories = Object.keys(policy.categories);
  const channels = Object.keys(policy.channels);
  const start = opts.start ?? new Date(`${opts.year}-01-01T00:00:00+08:00`);
  const yearSeconds = 365 * 86_400;
  const batch = opts.batch ?? 100_000;
  const now = opts.now ?? new Date(start.getTime() + yearSeconds * 1000);
  // every `step`-th order is open with an open task (0: none)
  const step = opts.openTasks ? Math.max(1, Math.floor(opts.orders / opts.openTasks)) : 0;
  const openLimit = opts.openTasks ?? 0;
  const unitTasks = Object.entries(policy.tasks).filter(([, t]) => t.roles.some((r) => r === 'handler' || r === 'leader'));
  const taskKeys = unitTasks.map(([k]) => k);
  const taskNames = unitTasks.map(([, t]) => t.name);
  const taskRoles = unitTasks.map(([, t]) => JSON.stringify(t.roles));
  const signKeys = signFormKeys(policy); // a sign task is never claimed (to-sign); others half are
  await sql`SELECT setseed(0.42)`.execute(db);
  for (let from = 1; from <= opts.orders; from += batch) {
    const to = Math.min(opts.orders, from + batch - 1);
    await db.transaction().execute(async (trx) => {
      await sql`
        CREATE TEMP TABLE gen ON COMMIT DROP AS
        SELECT gen_random_uuid() AS id, gen_random_uuid() AS instance_id, g,
               ${start}::timestamptz + ((g - 1)::float8 / ${opts.orders} * ${yearSeconds}) * interval '1 second' AS created_at,
               random() AS r_unit, random() AS r_cat, random() AS r_close, random() AS r_sat, random() AS r_flag, random() AS r_contact,
               (${step}::int > 0 AND g % GREATEST(${step}::int, 1) = 0 AND g / GREATEST(${step}::int, 1) <= ${openLimit}::int) AS is_open
        FROM generate_series(${from}::int, ${to}::int) AS g`.execute(trx);
      await sql`
        INSERT INTO work_orders (id, city, number, category, channel, topic, content, requester, location, status, lead_unit,
                                 due_at, flags, data, process_key, process_version, policy_version, created_at, updated_at, closed_at)
        SELECT id, ${policy.city}, 'BENCH-' || g,
               (${categories}::text[])[1 + floor(r_cat * ${categories.length})::int],
               (${channels}::text[])[1 + floor(r_flag * ${channels.length})::int],
               '供水', '压测工单 ' || g, '{"name":"张三","phone":"13800000000"}'::jsonb, '{}'::jsonb,
               CASE WHEN NOT is_open AND r_close < 0.93 THEN 'closed' ELSE 'in-progress' END,
               (${units}::text[])[1 + floor(r_unit * ${units.length})::int],
               created_at + interval '7 days',
               CASE WHEN r_flag < 0.04 THEN '["repeat"]'::jsonb WHEN r_flag < 0.045 THEN '["supervision-overdue"]'::jsonb ELSE '[]'::jsonb END,
               CASE WHEN NOT is_open AND r_close < 0.93 THEN jsonb_build_object('satisfaction', CASE WHEN r_sat < 0.85 THEN '满意' WHEN r_sat < 0.95 THEN '基本满意' ELSE '不满意' END)
                    ELSE '{}'::jsonb END,
               ${policy.city}, 1, 1, created_at, created_at,
               CASE WHEN NOT is_open AND r_close < 0.93 THEN created_at + (r_close * 8) * interval '1 day' END
        FROM gen`.execute(trx);
      await sql`
        INSERT INTO process_instances (id, order_id, process_key, process_version, status, state, created_at, updated_at)
        SELECT instance_id, id, ${policy.city}, 1, CASE WHEN NOT is_open AND r_close < 0.93 THEN 'completed' ELSE 'running' END, '{}'::jsonb, created_at, created_at
        FROM gen`.execute(trx);
      await sql`
        INSERT INTO tasks (id, order_id, instance_id, city, execution_id, activity_id, form_key, name, candidate_unit, candidate_roles, created_at, due_at, status, completed_by, completed_at, outcome)
        SELECT gen_random_uuid(), id, instance_id, ${policy.city}, 'contact_' || id, 'contact', 'contact', '联系诉求人和话务前台',
               (${units}::text[])[1 + floor(r_unit * ${units.length})::int], '["handler","leader"]'::jsonb,
               created_at, created_at + interval '30 minutes', 'completed', 'bench', created_at + (r_contact * 45) * interval '1 minute', 'done'
        FROM gen`.execute(trx);
      if (step > 0 && taskKeys.length > 0) {
        // the open task: which one of the unit's tasks, claimed or not, and due from 3 days ago to 7 days ahead
        await sql`
          INSERT INTO tasks (id, order_id, instance_id, city, execution_id, activity_id, form_key, name, candidate_unit, candidate_roles,
                             assignee, created_at, due_at, status, flags)
          SELECT gen_random_uuid(), id, instance_id, ${policy.city}, 'open_' || id, k.key, k.key, k.name,
                 (${units}::text[])[1 + floor(r_unit * ${units.length})::int], k.roles::jsonb,
                 CASE WHEN NOT (k.key = ANY(${signKeys}::text[])) AND r_contact < 0.5 THEN 'bench-handler' END,
                 created_at, ${now}::timestamptz + ((r_sat - 0.3) * 10) * interval '1 day', 'open',
                 CASE WHEN r_sat < 0.3 THEN '["overdue"]'::jsonb ELSE '[]'::jsonb END
          FROM gen
          CROSS JOIN LATERAL (
            SELECT (${taskKeys}::text[])[i] AS key, (${taskNames}::text[])[i] AS name, (${taskRoles}::text[])[i] AS roles
            FROM (SELECT 1 + floor(r_flag * ${taskKeys.length})::int AS i) AS pick
          ) AS k
          WHERE is_open`.execute(trx);
      }
    });
    progress(to);
  }
  await sql`ANALYZE work_orders`.execute(db);
  await sql`ANALYZE tasks`.execute(db);
}
