/**
 * The `assessment:` section of a city's policy (issue 6): the indicators measured per unit
 * per period, each with the definition shown beside its figure; the score formula (weights,
 * manual items, deductions), grades and ranking groups; the findings the centre may record;
 * and the accountability rules, each naming the city's rule id.
 *
 * An indicator counts orders of one base set of the period (`of`), narrowed by `where`; with
 * `hit` it is a rate (orders meeting `hit` ÷ the base), without it a count. Conditions are a
 * fixed vocabulary of order facts (status, flags, recorded data, deadlines, tasks), so a city
 * defines "on-time completion" or "first-time satisfaction" in words its own process uses.
 * Cross-references (a weight naming an indicator, a rule naming a finding) are checked in
 * assessment-cross-check.ts.
 */
import { z } from 'zod';
import { describeValue } from './describe-value';

const got = (iss: { readonly input?: unknown }): string => describeValue(iss.input);
const Text = z.string().min(1, { error: 'expected non-empty text, got ""' });
const Key = z.string().regex(/^[a-z][a-zA-Z0-9_-]*$/, {
  error: (iss) => `expected a key of letters, digits, "_" or "-" starting with a lowercase letter, got ${got(iss)}`,
});
const Code = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, {
  error: (iss) => `expected a code of letters, digits, "_" or "-" starting with a letter, got ${got(iss)}`,
});
const Count = z.number().int().min(1, { error: (iss) => `expected a whole number ≥ 1, got ${got(iss)}` });
const Share = z.number().gt(0).lt(1, { error: (iss) => `expected a share between 0 and 1 such as 0.85, got ${got(iss)}` });
const Points = z.number().min(0, { error: (iss) => `expected points ≥ 0, got ${got(iss)}` });
const list = <T extends z.ZodType>(item: T) => z.array(item).min(1, { error: 'expected at least one value, got none' });

const CONDITIONS =
  'status, flag, notFlag, category, channel, data+in, closedOnTime, closedLate, missedDue, overdueAtEnd, task, taskOnTime or taskLate';

/** One fact an order must have; a list of conditions means all of them. */
export const ConditionSchema = z.union(
  [
    z.strictObject({ status: list(Key) }),
    z.strictObject({ flag: Text }),
    z.strictObject({ notFlag: Text }),
    z.strictObject({ category: list(Code) }),
    z.strictObject({ channel: list(Code) }),
    /** A value recorded on the order (`data.<name>`) is one of these. */
    z.strictObject({ data: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/), in: list(z.union([Text, z.number(), z.boolean()])) }),
    /** Closed on or before its due time (or it had none). */
    z.strictObject({ closedOnTime: z.literal(true) }),
    /** Closed after its due time. */
    z.strictObject({ closedLate: z.literal(true) }),
    /** Not closed by its due time (closed after it, or still open). */
    z.strictObject({ missedDue: z.literal(true) }),
    /** Still open at the end of the period, with its due time before that end. */
    z.strictObject({ overdueAtEnd: z.literal(true) }),
    /** Has a task of this form key (any status). */
    z.strictObject({ task: Key }),
    /** A task of this form key was completed on or before its due time. */
    z.strictObject({ taskOnTime: Key }),
    /** A task of this form key was completed after its due time, or was still open past it at the end. */
    z.strictObject({ taskLate: Key }),
  ],
  { error: (iss) => `expected a condition with one of ${CONDITIONS}, got ${got(iss)}` },
);

/**
 * received: created in the period; closed: closed in it; open: open at its end; due: due in
 * it (each deadline counted in the month it falls); active: open at some time in it.
 */
export const BaseSetSchema = z.enum(['received', 'closed', 'open', 'due', 'active'], {
  error: (iss) =>
    `expected "received" (created in the period), "closed" (closed in it), "open" (open at its end), "due" (due in it) or "active" (open at some time in it), got ${got(iss)}`,
});

export const IndicatorSchema = z.strictObject({
  name: Text,
  /** The definition in words, shown beside the figure. */
  definition: Text,
  of: BaseSetSchema,
  where: z.array(ConditionSchema).default([]),
  /** With `hit` the indicator is a rate: orders meeting it ÷ orders of the base. */
  hit: z.array(ConditionSchema).min(1).optional(),
  /** The unit an order counts for: this recorded field instead of the lead unit (an improper return's unit). */
  unitField: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/).optional(),
  better: z.enum(['higher', 'lower']).default('higher'),
});

/** Beijing's "three rates" (响应率、解决率、满意率), switched on with the facts they are read from. */
export const ThreeRatesSchema = z.strictObject({
  /** The form key of the task whose completion in time is a response (签收). */
  responseTask: Key,
  /** The recorded field and the values that mean resolved; `label`: its name in the definition when no form field names it (a value an effect sets). */
  resolved: z.strictObject({ data: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/), label: Text.optional(), in: list(Text) }),
  /** The recorded field and the values that mean satisfied (`label` as for `resolved`). */
  satisfied: z.strictObject({ data: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/), label: Text.optional(), in: list(Text) }),
});

export const GradeSchema = z.strictObject({ name: Text, min: Points });

export const ScoringSchema = z.strictObject({
  /** Points of each rate indicator; a higher-is-better rate earns weight × rate, a lower one weight × (1 − rate). */
  weights: z.record(Key, Points),
  /** What a unit earns on a rate with no orders in its base: all its points, or none. */
  noOrders: z.enum(['full', 'zero']).default('full'),
  /** Items the centre scores by hand (AS-12: training, knowledge base), key → name and most points. */
  manualItems: z.record(Key, z.strictObject({ name: Text, max: Points })).default({}),
  /** Points taken off per finding of a kind. */
  deductions: z.record(Code, Points).default({}),
  /** Grades by the lowest score that earns them (HK-12), any order; the highest fitting one applies. */
  grades: z.array(GradeSchema).default([]),
});

/** A ranking group (PDS-20): named units, or the units of some kinds, or the units below some units. */
export const GroupSchema = z.strictObject({
  name: Text,
  units: z.array(Text).optional(),
  kinds: z.array(Text).optional(),
  childrenOf: z.array(Text).optional(),
});

const RULE_FORMS = '{indicator, atLeast}, {indicator, below}, {findings, atLeast}, {rank, count}, or {list, consecutiveMonths / monthsInYear}';

export const RuleConditionSchema = z.union(
  [
    /** A count indicator of at least n (HK-13: 5 overdue orders). */
    z.strictObject({ indicator: Key, atLeast: z.number().min(0) }),
    /** A rate indicator below a share. */
    z.strictObject({ indicator: Key, below: z.number().gt(0).max(1) }),
    /** At least n findings of these kinds in the period (HK-14: black-listed twice). */
    z.strictObject({ findings: list(Code), atLeast: Count }),
    /**
     * The first or last `count` of each group by score (ties all included); with
     * `belowShareOfBest`, only those scoring under that share of the group's best (PDS-20).
     */
    z.strictObject({ rank: z.enum(['top', 'bottom']), count: Count, belowShareOfBest: Share.optional() }),
    /**
     * On this list in `consecutiveMonths` months in a row, or in `monthsInYear` months of the
     * calendar year, this month included (PDS-20(5), PDS-21). Either suffices.
     */
    z.strictObject({ list: Text, consecutiveMonths: Count.optional(), monthsInYear: Count.optional() }),
  ],
  { error: (iss) => `expected a rule condition of the form ${RULE_FORMS}, got ${got(iss)}` },
);

export const AccountabilityRuleSchema = z.strictObject({
  /** The city's rule id (HK-13, PDS-20(4)). */
  id: Text,
  /** The list the unit is put on (问责, 约谈, 通报批评, 表扬, 工作简报通报). */
  list: Text,
  /** The reason in words. */
  reason: Text,
  /** Who interviews or acts (PDS-20: 市指挥中心主任约谈直接责任人). */
  by: Text.optional(),
  /** Only units of these groups. */
  groups: z.array(Text).optional(),
  when: RuleConditionSchema,
});

export const AssessmentPolicySchema = z.strictObject({
  indicators: z.record(Key, IndicatorSchema).default({}),
  threeRates: ThreeRatesSchema.optional(),
  /** Kinds of finding the centre records on an order or a unit (黑榜, 不当退单, HK-15's cases), code → name. */
  findings: z.record(Code, Text).default({}),
  /** Measures the centre records on an accountability entry (HK-16). */
  measures: z.array(Text).default([]),
  scoring: ScoringSchema.optional(),
  groups: z.array(GroupSchema).default([]),
  accountability: z.array(AccountabilityRuleSchema).default([]),
});

export type Condition = z.infer<typeof ConditionSchema>;
export type BaseSet = z.infer<typeof BaseSetSchema>;
export type Indicator = z.infer<typeof IndicatorSchema>;
export type ThreeRates = z.infer<typeof ThreeRatesSchema>;
export type Scoring = z.infer<typeof ScoringSchema>;
export type Group = z.infer<typeof GroupSchema>;
export type RuleCondition = z.infer<typeof RuleConditionSchema>;
export type AccountabilityRule = z.infer<typeof AccountabilityRuleSchema>;
export type AssessmentPolicy = z.infer<typeof AssessmentPolicySchema>;
