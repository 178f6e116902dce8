import { sql, type Kysely } from 'kysely';
import type {
  AccountabilityMeasure,
  AssessmentResult,
  AssessmentRun,
  AssessmentStore,
  Finding,
  ListHistory,
  ManualScore,
  RunSummary,
  RunTrigger,
} from '../../engine/assessment/assessment.types';
import type { DatabaseSchema } from '../database.types';
import { isUuidText } from '../uuid-text';

interface RunRow {
  id: string;
  city: string;
  period: string;
  policy_version: number;
  trigger: RunTrigger;
  computed_by: string;
  computed_at: Date;
  published_at: Date | null;
  result?: AssessmentResult;
}

const summary = (r: RunRow): RunSummary => ({
  id: r.id,
  city: r.city,
  period: r.period,
  policyVersion: r.policy_version,
  trigger: r.trigger,
  computedBy: r.computed_by,
  computedAt: r.computed_at,
  publishedAt: r.published_at,
});

const RUN_COLUMNS = sql`r.id, r.city, r.period, r.policy_version, r.trigger, r.computed_by, r.computed_at, p.published_at`;
const RUN_FROM = sql`assessment_runs r LEFT JOIN assessment_publications p ON p.run_id = r.id`;

/** Runs, publications, findings, manual scores and measures (migration 0008), in plain SQL with bound values. */
export function createAssessmentRepository(db: Kysely<DatabaseSchema>): AssessmentStore {
  const oneRun = async (where: ReturnType<typeof sql>): Promise<AssessmentRun | null> => {
    const { rows } = await sql<RunRow>`SELECT ${RUN_COLUMNS}, r.result FROM ${RUN_FROM} WHERE ${where}`.execute(db);
    const row = rows[0];
    return row ? { ...summary(row), result: row.result as AssessmentResult } : null;
  };
  return {
    async insertRun(run): Promise<void> {
      await sql`INSERT INTO assessment_runs (id, city, period, policy_version, trigger, computed_by, computed_at, result)
        VALUES (${run.id}, ${run.city}, ${run.period}, ${run.policyVersion}, ${run.trigger}, ${run.computedBy}, ${run.computedAt}, ${JSON.stringify(run.result)}::jsonb)`.execute(db);
    },

    findRun: (id) => (isUuidText(id) ? oneRun(sql`r.id = ${id}`) : Promise.resolve(null)),

    async listRuns(city, period): Promise<RunSummary[]> {
      const { rows } = await sql<RunRow>`SELECT ${RUN_COLUMNS} FROM ${RUN_FROM}
        WHERE r.city = ${city} AND (${period ?? null}::text IS NULL OR r.period = ${period ?? null})
        ORDER BY r.period DESC, r.computed_at DESC LIMIT 200`.execute(db);
      return rows.map(summary);
    },

    publishedRun: (city, period) => oneRun(sql`p.city = ${city} AND p.period = ${period}`),

    async publish(city, period, runId, by, at): Promise<boolean> {
      const { rows } = await sql<{ run_id: string }>`INSERT INTO assessment_publications (city, period, run_id, published_by, published_at)
        VALUES (${city}, ${period}, ${runId}, ${by}, ${at}) ON CONFLICT (city, period) DO NOTHING RETURNING run_id`.execute(db);
      return rows.length === 1;
    },

    async listHistory(city, year, beforePeriod): Promise<ListHistory[]> {
      const { rows } = await sql<ListHistory>`
        SELECT p.period, e ->> 'unit' AS unit, e ->> 'list' AS list
        FROM assessment_publications p
        JOIN assessment_runs r ON r.id = p.run_id
        CROSS JOIN LATERAL jsonb_array_elements(r.result -> 'lists') AS e
        WHERE p.city = ${city} AND p.period >= ${`${year}-01`} AND p.period < ${beforePeriod}`.execute(db);
      return rows;
    },

    async insertFinding(f: Finding): Promise<void> {
      await sql`INSERT INTO unit_findings (id, city, unit, order_id, kind, reason, evidence, recorded_by, at)
        VALUES (${f.id}, ${f.city}, ${f.unit}, ${f.orderId}, ${f.kind}, ${f.reason}, ${f.evidence}, ${f.recordedBy}, ${f.at})`.execute(db);
    },

    async listFindings(city, start, end): Promise<Finding[]> {
      const { rows } = await sql<{ id: string; city: string; unit: string; order_id: string | null; kind: string; reason: string; evidence: string | null; recorded_by: string; at: Date }>`
        SELECT * FROM unit_findings WHERE city = ${city} AND at >= ${start} AND at < ${end} ORDER BY at, id`.execute(db);
      return rows.map((r) => ({ id: r.id, city: r.city, unit: r.unit, orderId: r.order_id, kind: r.kind, reason: r.reason, evidence: r.evidence, recordedBy: r.recorded_by, at: r.at }));
    },

    async upsertManualScore(m: ManualScore): Promise<void> {
      await sql`INSERT INTO manual_scores (city, period, unit, item, points, note, entered_by, at)
        VALUES (${m.city}, ${m.period}, ${m.unit}, ${m.item}, ${m.points}, ${m.note}, ${m.enteredBy}, ${m.at})
        ON CONFLICT (city, period, unit, item) DO UPDATE
        SET points = EXCLUDED.points, note = EXCLUDED.note, entered_by = EXCLUDED.entered_by, at = EXCLUDED.at`.execute(db);
    },

    async listManualScores(city, period): Promise<ManualScore[]> {
      const { rows } = await sql<{ city: string; period: string; unit: string; item: string; points: string; note: string | null; entered_by: string; at: Date }>`
        SELECT * FROM manual_scores WHERE city = ${city} AND period = ${period} ORDER BY unit, item`.execute(db);
      return rows.map((r) => ({ city: r.city, period: r.period, unit: r.unit, item: r.item, points: Number(r.points), note: r.note, enteredBy: r.entered_by, at: r.at }));
    },

    async insertMeasure(m: AccountabilityMeasure): Promise<void> {
      await sql`INSERT INTO accountability_measures (id, run_id, unit, rule_id, measure, note, recorded_by, at)
        VALUES (${m.id}, ${m.runId}, ${m.unit}, ${m.ruleId}, ${m.measure}, ${m.note}, ${m.recordedBy}, ${m.at})`.execute(db);
    },

    async listMeasures(runId): Promise<AccountabilityMeasure[]> {
      const { rows } = await sql<{ id: string; run_id: string; unit: string; rule_id: string; measure: string; note: string | null; recorded_by: string; at: Date }>`
        SELECT * FROM accountability_measures WHERE run_id = ${runId} ORDER BY at, id`.execute(db);
      return rows.map((r) => ({ id: r.id, runId: r.run_id, unit: r.unit, ruleId: r.rule_id, measure: r.measure, note: r.note, recordedBy: r.recorded_by, at: r.at }));
    },
  };
}
