import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { AssessmentFacts, MeasureQuery, UnitCount, Window } from '../../engine/assessment/assessment.types';
import type { BaseSet, Condition } from '../../engine/policy/assessment.schema';
import type { DatabaseSchema } from '../database.types';
import { closedLate, closedOnTime, countedOnItsOwn, dueBetween, missedDue, overdueAt } from './lateness.sql';

type Fragment = RawBuilder<unknown>;

/**
 * The orders of a base set of the window (alias `o`). Nothing is created or closed after the
 * run, so only `due` needs `asOf`: a deadline still ahead of the run is in no base yet (lateness.ts).
 */
function baseSet(of: BaseSet, w: Window, asOf: Date): Fragment {
  if (of === 'received') return sql`o.created_at >= ${w.start} AND o.created_at < ${w.end}`;
  if (of === 'closed') return sql`o.closed_at >= ${w.start} AND o.closed_at < ${w.end}`;
  if (of === 'due') return dueBetween(w.start, asOf);
  if (of === 'active') return sql`o.created_at < ${w.end} AND (o.closed_at IS NULL OR o.closed_at >= ${w.start})`;
  return sql`o.created_at < ${w.end} AND (o.closed_at IS NULL OR o.closed_at >= ${w.end})`;
}

function taskExists(formKey: string, extra: Fragment): Fragment {
  return sql`EXISTS (SELECT 1 FROM tasks t WHERE t.order_id = o.id AND t.form_key = ${formKey} AND ${extra})`;
}

/** One condition as SQL judged at `asOf`; every value is a bound parameter. */
function condition(c: Condition, asOf: Date): Fragment {
  if ('status' in c) return sql`o.status = ANY(${c.status}::text[])`;
  if ('flag' in c) return sql`o.flags @> ${JSON.stringify([c.flag])}::jsonb`;
  if ('notFlag' in c) return sql`NOT (o.flags @> ${JSON.stringify([c.notFlag])}::jsonb)`;
  if ('category' in c) return sql`o.category = ANY(${c.category}::text[])`;
  if ('channel' in c) return sql`o.channel = ANY(${c.channel}::text[])`;
  if ('data' in c) return sql`(o.data ->> ${c.data}) = ANY(${c.in.map(String)}::text[])`;
  if ('closedOnTime' in c) return closedOnTime;
  if ('closedLate' in c) return closedLate;
  if ('missedDue' in c) return missedDue(asOf);
  if ('overdueAtEnd' in c) return overdueAt(asOf);
  if ('taskOnTime' in c) return taskExists(c.taskOnTime, sql`t.status = 'completed' AND (t.due_at IS NULL OR t.completed_at <= t.due_at)`);
  if ('taskLate' in c) {
    return taskExists(
      c.taskLate,
      sql`t.due_at IS NOT NULL AND ((t.status = 'completed' AND t.completed_at > t.due_at) OR (t.status = 'open' AND t.due_at < ${asOf}))`,
    );
  }
  return taskExists(c.task, sql`true`);
}

function all(conditions: readonly Condition[], asOf: Date): Fragment {
  return conditions.length === 0 ? sql`true` : sql`(${sql.join(conditions.map((c) => condition(c, asOf)), sql` AND `)})`;
}

/** Measures that share a base set and a unit column are counted in one scan. */
function batches(measures: readonly MeasureQuery[]): MeasureQuery[][] {
  const by = new Map<string, MeasureQuery[]>();
  for (const m of measures) {
    const key = `${m.of}|${m.unitField ?? ''}`;
    by.set(key, [...(by.get(key) ?? []), m]);
  }
  return [...by.values()];
}

/**
 * Counts per unit for the assessment, judged at `asOf` (an order merged into another, 并单, counts
 * as that one and not on its own): one grouped scan of `work_orders` per base set, every
 * indicator a pair of `count(*) FILTER (…)` columns (its base and its hits).
 */
export function createAssessmentFactsRepository(db: Kysely<DatabaseSchema>): AssessmentFacts {
  return {
    async countByUnit(w: Window, asOf: Date, measures: readonly MeasureQuery[]): Promise<Map<string, UnitCount[]>> {
      const out = new Map<string, UnitCount[]>(measures.map((m) => [m.key, []]));
      for (const batch of batches(measures)) {
        const first = batch[0]!;
        const unit = first.unitField ? sql`o.data ->> ${first.unitField}` : sql`o.lead_unit`;
        const columns = batch.map((m, i) => {
          const base = all(m.where, asOf);
          const hits = m.hit ? sql`${base} AND ${all(m.hit, asOf)}` : base;
          return sql`count(*) FILTER (WHERE ${base}) AS ${sql.ref(`b${i}`)}, count(*) FILTER (WHERE ${hits}) AS ${sql.ref(`h${i}`)}`;
        });
        const rows = await sql<Record<string, string>>`
          SELECT ${unit} AS unit, ${sql.join(columns)}
          FROM work_orders o
          WHERE o.city = ${w.city} AND ${baseSet(first.of, w, asOf)} AND ${unit} IS NOT NULL
            AND ${countedOnItsOwn}
          GROUP BY 1`.execute(db);
        for (const row of rows.rows) {
          batch.forEach((m, i) => {
            const base = Number(row[`b${i}`] ?? 0);
            if (base > 0) out.get(m.key)!.push({ unit: String(row.unit), base, hits: Number(row[`h${i}`] ?? 0) });
          });
        }
      }
      return out;
    },
  };
}
