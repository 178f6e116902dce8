/**
 * The shape of a city's policy file (`policies/<city>.yaml`). Every object is a zod
 * `strictObject`, so a misspelt key is an error rather than a silently ignored setting.
 * This module checks the shape only; references between parts (a routing rule naming a
 * unit, a guard naming a task) are checked by policy-cross-check.ts.
 *
 * Messages say what was expected and what was got; the generic ones come from
 * policy-issues.ts, the ones here are where zod's own would confuse a policy editor.
 */
import { z } from 'zod';
import { describeValue, listQuoted } from './describe-value';
import { DutyPolicySchema } from './duty.schema';
import { AssessmentPolicySchema } from './assessment.schema';

type IssueInput = { readonly input?: unknown };

const got = (iss: IssueInput): string => describeValue(iss.input);

/** A string matching `re`, described to the reader as `what`. */
function pattern(re: RegExp, what: string) {
  return z.string().regex(re, { error: (iss) => `expected ${what}, got ${got(iss)}` });
}

const isMapping = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A mapping with at least one entry. */
function nonEmptyRecord<K extends z.core.$ZodRecordKey, V extends z.ZodType>(key: K, value: V, what: string) {
  return z
    .record(key, value)
    .refine((r) => Object.keys(r).length > 0, { error: `expected at least one ${what}, got none` });
}

const Text = z.string().min(1, { error: 'expected non-empty text, got ""' });
const CitySlug = pattern(
  /^[a-z][a-z0-9-]*$/,
  'a city slug of lowercase letters, digits and "-" starting with a letter',
);
const Code = pattern(/^[A-Za-z][A-Za-z0-9_-]*$/, 'a code of letters, digits, "_" or "-" starting with a letter');
/** A task's formKey or an outcome key. */
const Key = pattern(/^[a-z][a-zA-Z0-9_-]*$/, 'a key of letters, digits, "_" or "-" starting with a lowercase letter');
const FieldName = pattern(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'a field name of letters, digits and "_" starting with a letter');
const ErrorCode = pattern(/^[A-Z][A-Z0-9_]*$/, 'an UPPER_SNAKE error code such as RETURN_WINDOW_CLOSED');
const CalendarDate = z.iso.date({ error: (iss) => `expected a real date written YYYY-MM-DD, got ${got(iss)}` });

const PositiveInt = z
  .number({ error: (iss) => `expected a whole number ≥ 1, got ${got(iss)}` })
  .int({ error: (iss) => `expected a whole number ≥ 1, got ${got(iss)}` })
  .min(1, { error: (iss) => `expected a whole number ≥ 1, got ${got(iss)}` });

const DURATION_FORMS = '{workingDays: n}, {naturalDays: n}, {hours: n} or {minutes: n} with n a whole number ≥ 1';
const DurationForms = [
  z.strictObject({ workingDays: PositiveInt }),
  z.strictObject({ naturalDays: PositiveInt }),
  z.strictObject({ hours: PositiveInt }),
  z.strictObject({ minutes: PositiveInt }),
] as const;

/** A span of time in one unit: working days, natural days, hours or minutes. */
export const DurationSchema = z.union(DurationForms, {
  error: (iss) => `expected one of ${DURATION_FORMS}, got ${got(iss)}`,
});

function timeLimitMessage(iss: IssueInput): string {
  const plain = 'expected a whole number of working days ≥ 1';
  return isMapping(iss.input) ? `${plain}, or one of ${DURATION_FORMS}, got ${got(iss)}` : `${plain}, got ${got(iss)}`;
}

/** A time limit: `15` means 15 working days; the object forms name their unit. */
export const TimeLimitSchema = z.union(
  [z.number().int({ error: timeLimitMessage }).min(1, { error: timeLimitMessage }), ...DurationForms],
  { error: timeLimitMessage },
);

/** Local days added to the official PRC calendar (structurally the calendar's CalendarAdditions). */
export const CalendarAdditionsSchema = z.strictObject({
  extraHolidays: z.array(CalendarDate).default([]),
  extraWorkdays: z.array(CalendarDate).default([]),
});

export const RoleSchema = z.enum(['operator', 'dispatcher', 'handler', 'leader', 'supervisor', 'admin', 'auditor', 'partner']);
export const OrderStatusSchema = z.enum(['received', 'dispatched', 'in-progress', 'review', 'visit']);
/**
 * `subunit`: a unit below the acting user's own unit (a county centre dispatching to its townships).
 * `files`: photos or documents uploaded to the order (POST /api/orders/{id}/attachments); the form
 * lists their ids, which must be the order's own and uploaded by the acting unit.
 */
export const FieldTypeSchema = z.enum(['text', 'choice', 'boolean', 'datetime', 'number', 'unit', 'units', 'subunit', 'files']);

const FieldShape = z.strictObject({
  name: FieldName,
  label: Text,
  type: FieldTypeSchema,
  required: z.boolean().default(false),
  options: z.array(Text).min(1, { error: 'expected at least one option, got none' }).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  maxLength: PositiveInt.optional(),
  help: Text.optional(),
  /** A datetime field's side of now: `past` for a time something happened (联系诉求人时间), `future` for a deadline it sets (重办期限). */
  when: z.enum(['past', 'future'], { error: (iss) => `expected past or future, got ${got(iss)}` }).optional(),
});

/** Options and limits that do not fit the field's type, as [key, message]. */
function misfits(f: z.infer<typeof FieldShape>): [string, string][] {
  const out: [string, string][] = [];
  const onlyFor = (key: string, type: string) => {
    out.push([key, `expected no ${key}: only a ${type} field has one, this one is ${f.type}`]);
  };
  if (f.type === 'choice' && f.options === undefined) {
    out.push(['options', 'expected a list of options for a choice field, got nothing']);
  }
  if (f.type !== 'choice' && f.options !== undefined) onlyFor('options', 'choice');
  if (f.type !== 'number' && f.min !== undefined) onlyFor('min', 'number');
  if (f.type !== 'number' && f.max !== undefined) onlyFor('max', 'number');
  if (f.type !== 'text' && f.maxLength !== undefined) onlyFor('maxLength', 'text');
  if (f.type !== 'datetime' && f.when !== undefined) onlyFor('when', 'datetime');
  if (f.min !== undefined && f.max !== undefined && f.min > f.max) {
    out.push(['max', `expected max ≥ min (${f.min}), got ${f.max}`]);
  }
  return out;
}

/** A form field shown to whoever completes a task. */
export const FieldDefSchema = FieldShape.superRefine((f, ctx) => {
  for (const [key, message] of misfits(f)) ctx.addIssue({ code: 'custom', path: [key], message, input: f });
});

const SINCE = '"order.created", "task.created" or "task:<formKey>.completed"';
/** The event a `within` guard counts from. */
export const SinceSchema = z.union(
  [
    z.literal('order.created'),
    z.literal('task.created'),
    z.templateLiteral(['task:', z.string().regex(/^[a-z][a-zA-Z0-9_-]*$/), '.completed']),
  ],
  { error: (iss) => `expected ${SINCE}, got ${got(iss)}` },
);

const guardBase = { error: ErrorCode, message: Text.optional() };
const GUARD_RULES = ['within', 'beforeDue', 'maxTimes', 'categoryIn', 'channelIn', 'requires', 'notFlag', 'noneOpen', 'spacing'];

/** A condition an outcome must meet; when it fails the action is refused with `error`. */
export const GuardSchema = z.discriminatedUnion(
  'rule',
  [
    z.strictObject({ rule: z.literal('within'), since: SinceSchema, limit: TimeLimitSchema, ...guardBase }),
    /** Before the order's deadline; with `lead`, at least that long before it (AS-4: 2 working days). */
    z.strictObject({ rule: z.literal('beforeDue'), lead: TimeLimitSchema.optional(), ...guardBase }),
    z.strictObject({ rule: z.literal('maxTimes'), count: PositiveInt, ...guardBase }),
    z.strictObject({ rule: z.literal('categoryIn'), categories: z.array(Code).min(1), ...guardBase }),
    z.strictObject({ rule: z.literal('channelIn'), channels: z.array(Code).min(1), ...guardBase }),
    z.strictObject({ rule: z.literal('requires'), task: Key, outcome: Key.optional(), ...guardBase }),
    z.strictObject({ rule: z.literal('notFlag'), flag: Text, ...guardBase }),
    /** No task of that key is open on the order (a lead unit's reply waits for the co-units' opinions). */
    z.strictObject({ rule: z.literal('noneOpen'), task: Key, ...guardBase }),
    /** The previous completion of this task with this outcome was at least `atLeast` ago (call attempts 3 h apart). */
    z.strictObject({ rule: z.literal('spacing'), atLeast: TimeLimitSchema, ...guardBase }),
  ],
  {
    error: (iss) => {
      const rule = isMapping(iss.input) ? (iss.input as Record<string, unknown>)['rule'] : iss.input;
      return `expected a guard with rule ${listQuoted(GUARD_RULES)}, got ${describeValue(rule)}`;
    },
  },
);

export const EFFECT_KINDS = [
  'addFlag',
  'removeFlag',
  'setLeadUnit',
  'setCoUnits',
  'setOrderDue',
  'extendOrderDue',
  'setData',
] as const;

/** What completing an outcome does to the order; exactly one key each. */
export const EffectSchema = z.union(
  [
    z.strictObject({ addFlag: Text }),
    z.strictObject({ removeFlag: Text }),
    z.strictObject({ setLeadUnit: FieldName }),
    z.strictObject({ setCoUnits: FieldName }),
    z.strictObject({ setOrderDue: FieldName }),
    z.strictObject({
      extendOrderDue: z.strictObject({ field: FieldName, unit: z.enum(['workingDays', 'naturalDays', 'hours']) }),
    }),
    z.strictObject({ setData: FieldName }),
    /** Adds the units of a `units` field to the co-units. */
    z.strictObject({ addCoUnits: FieldName }),
    /** Records a fixed value on the order, e.g. satisfaction "满意（未接通）". */
    z.strictObject({ setDataValue: z.strictObject({ name: FieldName, value: z.union([Text, z.number(), z.boolean()]) }) }),
    /** Later orders on the same topic go to the unit of this `unit` field (DZ-4). */
    z.strictObject({ setPrecedent: FieldName }),
    /** Bars the order's caller from intake for this long (HZ-6). */
    z.strictObject({ blockCaller: DurationSchema }),
  ],
  { error: (iss) => `expected an effect with exactly one of the keys ${EFFECT_KINDS.join(', ')}, got ${got(iss)}` },
);

export const OutcomePolicySchema = z.strictObject({
  label: Text,
  /** Who may take this outcome, when not the task's roles; centre roles listed here may act on a unit's task. */
  roles: z.array(RoleSchema).min(1).optional(),
  fields: z.array(FieldDefSchema).default([]),
  guards: z.array(GuardSchema).default([]),
  effects: z.array(EffectSchema).default([]),
});

export const TaskPolicySchema = z.strictObject({
  name: Text,
  roles: z.array(RoleSchema).min(1, { error: 'expected at least one role, got none' }),
  orderStatus: OrderStatusSchema.optional(),
  fields: z.array(FieldDefSchema).default([]),
  outcomes: nonEmptyRecord(Key, OutcomePolicySchema, 'outcome'),
});

/** A member unit and the units below it (city → district → street → community). */
export const UnitNodeSchema = z.strictObject({
  name: Text,
  kind: Text.optional(),
  get children() {
    return z.array(UnitNodeSchema).optional();
  },
});

export const DemoUserSchema = z.strictObject({
  id: Text,
  name: Text,
  role: RoleSchema,
  unit: Text.optional(),
});

const NonEmptyList = <T extends z.ZodType>(item: T) =>
  z.array(item).min(1, { error: 'expected at least one value, got none' });

/** Suggests the lead and co-units of a new order; the first rule whose `when` matches wins. */
export const RoutingRuleSchema = z.strictObject({
  when: z
    .strictObject({
      category: NonEmptyList(Code).optional(),
      topic: NonEmptyList(Text).optional(),
      district: NonEmptyList(Text).optional(),
      channel: NonEmptyList(Code).optional(),
    })
    .default({}),
  lead: Text,
  co: z.array(Text).default([]),
});

export const PolicySchema = z.strictObject({
  city: CitySlug,
  name: Text,
  numberPrefix: pattern(/^[A-Z]{2,6}$/, '2 to 6 capital letters such as SMP'),
  timezone: Text.default('Asia/Shanghai'),
  centre: Text,
  calendar: CalendarAdditionsSchema.default({ extraHolidays: [], extraWorkdays: [] }),
  categories: nonEmptyRecord(Code, z.strictObject({ name: Text, description: Text.optional() }), 'category'),
  channels: nonEmptyRecord(Code, z.strictObject({ name: Text }), 'channel'),
  timeLimits: z.record(Code, TimeLimitSchema),
  channelTimeLimits: z.record(Code, TimeLimitSchema).default({}),
  units: z.array(UnitNodeSchema).min(1, { error: 'expected at least one unit, got none' }),
  users: z.array(DemoUserSchema).default([]),
  routing: z.array(RoutingRuleSchema),
  deadlines: z.strictObject({ warnBefore: DurationSchema.optional() }).optional(),
  /** What intake allows: which categories may be answered at once; whether co-units may be named. */
  intake: z
    .strictObject({
      answerCategories: z.array(Code).min(1).optional(),
      coUnitsAllowed: z.boolean().default(true),
    })
    .default({ coUnitsAllowed: true }),
  /** Reason codes for refusing an order at intake (不予受理), code → label. */
  notAcceptedReasons: z.record(Code, Text).default({}),
  /** Emergency lines an intake can be transferred to instead of dispatched (HZ-3), code → label. */
  transferTargets: z.record(Code, Text).default({}),
  /** A new order by the same phone (and topic, and category) within this many natural days is marked a repeat. */
  repeatDetection: z
    .strictObject({ withinDays: PositiveInt, sameTopic: z.boolean().default(true), sameCategory: z.boolean().default(false) })
    .optional(),
  tasks: nonEmptyRecord(Key, TaskPolicySchema, 'task'),
  /** Duty rota (HK-9, HK-10) and leader answering days (PDS-18, HZ-10): duty.schema.ts. */
  duty: DutyPolicySchema.optional(),
  /** Indicators, scores, grades, groups and accountability rules of the monthly assessment (issue 6). */
  assessment: AssessmentPolicySchema.optional(),
});

export type Policy = z.infer<typeof PolicySchema>;
export type TaskPolicy = z.infer<typeof TaskPolicySchema>;
export type OutcomePolicy = z.infer<typeof OutcomePolicySchema>;
export type FieldDef = z.infer<typeof FieldDefSchema>;
export type FieldType = z.infer<typeof FieldTypeSchema>;
export type Guard = z.infer<typeof GuardSchema>;
export type GuardRule = Guard['rule'];
export type Since = z.infer<typeof SinceSchema>;
export type Effect = z.infer<typeof EffectSchema>;
export type UnitNode = z.infer<typeof UnitNodeSchema>;
export type DemoUser = z.infer<typeof DemoUserSchema>;
export type RoutingRule = z.infer<typeof RoutingRuleSchema>;
export type Role = z.infer<typeof RoleSchema>;
export type OrderStatusInTask = z.infer<typeof OrderStatusSchema>;
export type TimeLimit = z.infer<typeof TimeLimitSchema>;
export type Duration = z.infer<typeof DurationSchema>;
export type CalendarAdditions = z.infer<typeof CalendarAdditionsSchema>;
