import { z } from 'zod';
import { FieldIssue, ForbiddenError, ValidationError } from '../../shared/errors';
import { PARTNER_ROLE } from '../access/city-access';
import type { LoadedPolicy } from '../city/city-catalog';
import { allUnitNames } from '../policy/load-policies';
import type { Policy } from '../policy/policy.schema';
import type { Actor } from './actor';
import { ownValue } from '../../shared/own-key';

/**
 * Keys of an order's `data` that minhu sets itself: by the Open311 gateway (`source`, `partner`,
 * `geo`) or by intake (`intake`, `repeatOf`). An intake payload carrying one is refused, naming it
 * (`data.source`): only what came in through Open311 is readable through it.
 */
export const RESERVED_DATA_KEYS = ['source', 'partner', 'geo', 'intake', 'repeatOf'] as const;

const OrderData = z.record(z.string(), z.unknown()).superRefine((data, ctx) => {
  for (const key of RESERVED_DATA_KEYS.filter((k) => Object.hasOwn(data, k))) {
    ctx.addIssue({ code: 'custom', path: [key], message: `reserved: ${key} is set by minhu itself, not by the caller` });
  }
});

const PHONE = /^(\+?86)?1\d{10}$|^0\d{2,3}-?\d{7,8}$/;

export const IntakeSchema = z.strictObject({
  city: z.string().min(1),
  category: z.string().min(1),
  channel: z.string().min(1),
  topic: z.string().min(1).max(100).optional(),
  content: z.string().trim().min(1, 'expected the content of the request').max(10_000),
  requester: z.strictObject({
    name: z.string().trim().min(1, 'expected the requester\'s name').max(100),
    phone: z.string().regex(PHONE, 'expected a mobile (11 digits) or landline phone number'),
  }),
  location: z.strictObject({ district: z.string().min(1).optional(), address: z.string().max(500).optional() }).optional(),
  leadUnit: z.string().min(1).optional(),
  coUnits: z.array(z.string().min(1)).max(20).optional(),
  data: OrderData.optional(),
  /**
   * dispatch (default): to a unit; answer: answered at once (即时答复) with `answer`;
   * not-accepted: refused with a policy reason code (`reason`); transfer: handed to an
   * emergency line (`transferTo`, e.g. 110).
   */
  mode: z.enum(['dispatch', 'answer', 'not-accepted', 'transfer']).default('dispatch'),
  answer: z.string().trim().min(1).max(5000).optional(),
  knowledgeId: z.string().min(1).max(100).optional(),
  reason: z.string().min(1).optional(),
  transferTo: z.string().min(1).optional(),
});
export type IntakeInput = z.infer<typeof IntakeSchema>;

export const INTAKE_ROLES = new Set(['operator', 'dispatcher', 'admin']);

function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
}

/** Parses the payload: every problem is named by its field. */
export function parseIntake(input: unknown): IntakeInput {
  const result = IntakeSchema.safeParse(input);
  if (!result.success) {
    const issues = zodIssues(result.error);
    throw new ValidationError('INTAKE_INVALID', `the order is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  return result.data;
}

/** `viaGateway`: the Open311 gateway records it (a partner's request: a partner records orders that way only). */
export function authorizeIntake(actor: Actor, city: string, viaGateway = false): void {
  if (actor.city !== city) throw new ForbiddenError('CITY_MISMATCH', `${actor.id} works for ${actor.city}, not ${city}`);
  if (viaGateway ? actor.role !== PARTNER_ROLE : !INTAKE_ROLES.has(actor.role)) {
    throw new ForbiddenError('ROLE_NOT_ALLOWED', `role ${actor.role} may not record orders${viaGateway ? ' through Open311' : ''}`);
  }
}

/** Checks the codes against the city's policy. */
export function checkIntakeAgainstPolicy(policy: Policy, input: IntakeInput): void {
  const units = new Set(allUnitNames(policy));
  const issues: FieldIssue[] = [];
  const oneOf = (path: string, value: string | undefined, allowed: string[]): void => {
    if (value !== undefined && !allowed.includes(value)) issues.push({ path, message: `expected one of ${allowed.join(', ')}, got "${value}"` });
  };
  oneOf('category', input.category, Object.keys(policy.categories));
  oneOf('channel', input.channel, Object.keys(policy.channels));
  if (input.leadUnit !== undefined && !units.has(input.leadUnit)) issues.push({ path: 'leadUnit', message: `expected a unit of ${policy.city}, got "${input.leadUnit}"` });
  (input.coUnits ?? []).forEach((u, i) => {
    if (!units.has(u)) issues.push({ path: `coUnits.${i}`, message: `expected a unit of ${policy.city}, got "${u}"` });
  });
  if (input.mode === 'answer' && !input.answer) issues.push({ path: 'answer', message: 'required when mode is answer: the answer given to the requester' });
  const answerable = policy.intake.answerCategories;
  if (input.mode === 'answer' && answerable && !answerable.includes(input.category)) {
    issues.push({ path: 'mode', message: `only ${answerable.join(', ')} may be answered at intake; a ${input.category} order is dispatched` });
  }
  if (!policy.intake.coUnitsAllowed && (input.coUnits ?? []).length > 0) {
    issues.push({ path: 'coUnits', message: `${policy.city} dispatches to exactly one first-responsible unit: no co-units at intake` });
  }
  if (input.mode === 'not-accepted') {
    const reasons = Object.keys(policy.notAcceptedReasons);
    if (!input.reason || !reasons.includes(input.reason)) issues.push({ path: 'reason', message: `expected one of ${reasons.join(', ') || '(none in this policy)'}, got ${JSON.stringify(input.reason ?? null)}` });
  }
  if (input.mode === 'transfer') {
    const targets = Object.keys(policy.transferTargets);
    if (!input.transferTo || !targets.includes(input.transferTo)) issues.push({ path: 'transferTo', message: `expected one of ${targets.join(', ') || '(none in this policy)'}, got ${JSON.stringify(input.transferTo ?? null)}` });
  }
  if (issues.length) {
    throw new ValidationError('INTAKE_INVALID', `the order does not fit the policy of ${policy.city}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
}

/** What routing looks at: the order's codes and place, and the units the operator chose, if any. */
export type RoutingFacts = Pick<IntakeInput, 'category' | 'channel' | 'topic' | 'location' | 'leadUnit' | 'coUnits'>;

/** The routing table's lead and co-units, unless the operator chose them. */
export function route(policy: Policy, input: RoutingFacts): { leadUnit: string | null; coUnits: string[] } {
  if (input.leadUnit) return { leadUnit: input.leadUnit, coUnits: input.coUnits ?? [] };
  const facts: Record<string, string | undefined> = {
    category: input.category,
    channel: input.channel,
    topic: input.topic,
    district: input.location?.district,
  };
  const rule = policy.routing.find((r) =>
    Object.entries(r.when ?? {}).every(([key, values]) => (values as string[] | undefined)?.includes(facts[key] ?? '') ?? true),
  );
  return { leadUnit: rule?.lead ?? null, coUnits: input.coUnits ?? [...(rule?.co ?? [])] };
}

/** The order's deadline: the channel's limit if it has one, otherwise the category's. */
export function orderDeadline(loaded: LoadedPolicy, input: IntakeInput, now: Date): { at: Date; provisional: boolean; warnings: string[] } | null {
  const { policy, calendar } = loaded;
  const limit = ownValue(policy.channelTimeLimits, input.channel) ?? ownValue(policy.timeLimits, input.category);
  if (limit === undefined) return null;
  return calendar.deadline(now, typeof limit === 'number' ? { workingDays: limit } : limit);
}
