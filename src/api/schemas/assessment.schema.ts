import { z } from 'zod';
import { CityParams } from './common.schema';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month written YYYY-MM, e.g. 2026-10');

export const PeriodParams = CityParams.extend({ period: Month });
export const RunsQuery = z.strictObject({ period: Month.optional() });
export const RunBody = z.strictObject({ period: Month });

const FigureSchema = z.object({ base: z.number().int(), hits: z.number().int(), value: z.number().nullable().describe('a rate 0..1 (null: no orders in its base) or a count') });

export const AssessmentResultSchema = z.object({
  city: z.string(),
  period: z.string(),
  start: z.string(),
  end: z.string(),
  policyVersion: z.number().int(),
  indicators: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      definition: z.string().describe("the policy's definition, shown beside the figure"),
      kind: z.enum(['rate', 'count']),
      better: z.enum(['higher', 'lower']),
      weight: z.number().nullable(),
    }),
  ),
  manualItems: z.array(z.object({ key: z.string(), name: z.string(), max: z.number() })),
  groups: z.array(z.object({ name: z.string(), units: z.array(z.string()), best: z.number().nullable() })),
  units: z.array(
    z.object({
      unit: z.string(),
      group: z.string().nullable(),
      assessed: z.boolean().describe('false: no order in any base this month; scored, not ranked'),
      figures: z.record(z.string(), FigureSchema),
      manual: z.record(z.string(), z.number()),
      findings: z.record(z.string(), z.number()),
      deductions: z.number(),
      score: z.number().nullable(),
      grade: z.string().nullable(),
      rank: z.number().int().nullable(),
    }),
  ),
  lists: z.array(
    z.object({
      ruleId: z.string(),
      list: z.string(),
      reason: z.string(),
      by: z.string().nullable(),
      unit: z.string(),
      group: z.string().nullable(),
      detail: z.string(),
    }),
  ),
});

const RunFields = {
  id: z.uuid(),
  city: z.string(),
  period: z.string(),
  policyVersion: z.number().int(),
  trigger: z.enum(['schedule', 'manual']),
  computedBy: z.string(),
  computedAt: z.iso.datetime(),
  publishedAt: z.iso.datetime().nullable(),
};

export const RunSummarySchema = z.object(RunFields);
export const RunListSchema = z.object({ runs: z.array(RunSummarySchema) });

export const MeasureSchema = z.object({
  id: z.uuid(),
  runId: z.uuid(),
  unit: z.string(),
  ruleId: z.string(),
  measure: z.string(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  at: z.iso.datetime(),
});

export const RunSchema = z.object({ ...RunFields, result: AssessmentResultSchema, measures: z.array(MeasureSchema) });

export const FindingBody = z.strictObject({
  unit: z.string().min(1),
  orderId: z.uuid({ error: 'expected an order id (uuid)' }).optional(),
  kind: z.string().min(1),
  reason: z.string().trim().min(1, 'required: why the finding is recorded').max(2000),
  evidence: z.string().max(5000).optional(),
});

export const FindingSchema = z.object({
  id: z.uuid(),
  city: z.string(),
  unit: z.string(),
  orderId: z.uuid().nullable(),
  kind: z.string(),
  reason: z.string(),
  evidence: z.string().nullable(),
  recordedBy: z.string(),
  at: z.iso.datetime(),
});
export const FindingListSchema = z.object({ findings: z.array(FindingSchema) });

export const ManualScoreBody = z.strictObject({
  unit: z.string().min(1),
  item: z.string().min(1),
  points: z.number({ error: 'expected a number of points' }),
  note: z.string().max(1000).optional(),
});
export const ManualScoreSchema = z.object({
  city: z.string(),
  period: z.string(),
  unit: z.string(),
  item: z.string(),
  points: z.number(),
  note: z.string().nullable(),
  enteredBy: z.string(),
  at: z.iso.datetime(),
});
export const ManualScoreListSchema = z.object({ scores: z.array(ManualScoreSchema) });

export const MeasureBody = z.strictObject({
  unit: z.string().min(1),
  ruleId: z.string().min(1),
  measure: z.string().min(1),
  note: z.string().max(2000).optional(),
});
