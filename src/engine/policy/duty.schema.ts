/**
 * The optional `duty:` section of a city's policy: the duty rota of member-unit heads at the
 * hotline and the leaders' answering days (see the cities' policies for the rules they carry).
 * Each part names the seed rule it carries (`rule:`), and refusals quote it, since
 * `src/` never names a city or a rule of its own.
 *
 * Kept apart from policy.schema.ts (which imports it) so neither imports the other's helpers.
 */
import { z } from 'zod';
import { describeValue } from './describe-value';

const got = (iss: { readonly input?: unknown }): string => describeValue(iss.input);

const RuleId = z
  .string()
  .regex(/^[A-Z]{2,6}-\d+[A-Za-z0-9()]*$/, { error: (iss) => `expected a rule id of the city's rules such as HK-9, got ${got(iss)}` });

/** A local wall-clock time, `08:30`. */
export const LocalTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: (iss) => `expected a local time written HH:MM (00:00 to 23:59), got ${got(iss)}` });

const whole = (iss: { readonly input?: unknown }) => `expected a whole number ≥ 1, got ${got(iss)}`;
const PositiveInt = z.number({ error: whole }).int({ error: whole }).min(1, { error: whole });

const OnlineHoursSchema = z
  .strictObject({ from: LocalTimeSchema, to: LocalTimeSchema })
  .refine((h) => h.from < h.to, { error: (iss) => `expected "from" before "to" on the same day, got ${got(iss)}`, path: ['to'] });

/** HK-9, HK-10: who is on duty at the hotline each day, and their log and handover. */
export const DutyRotaPolicySchema = z.strictObject({
  /** The rule of the rota itself (times, publication), cited in refusals: HK-9. */
  rule: RuleId,
  /** The rule of the duty log and handover, cited in refusals: HK-10. */
  logRule: RuleId.optional(),
  /** A duty day runs from this local time to the same time the next day (every day, holidays too). */
  dayStarts: LocalTimeSchema,
  /** When the duty head handles online (在线接办); shown with today's duty unit. */
  onlineHours: z.array(OnlineHoursSchema).default([]),
});

const MIN_DURATION = '{hours: n} or {minutes: n} with n a whole number ≥ 1';
const NOTICE = '{naturalDays: n} or {hours: n} with n a whole number ≥ 1';

/** PDS-18, HZ-10: leaders answering calls at the centre, announced ahead. */
export const LeaderDaysPolicySchema = z.strictObject({
  /** The rule cited in refusals: PDS-18. */
  rule: RuleId,
  /** The shortest answering session: an entry shorter than this is refused. */
  minDuration: z.union([z.strictObject({ hours: PositiveInt }), z.strictObject({ minutes: PositiveInt })], {
    error: (iss) => `expected ${MIN_DURATION}, got ${got(iss)}`,
  }),
  /**
   * How long before its start a session must be announced. `naturalDays` counts local dates
   * (announced on the 1st, a session on the 8th has 7 days' notice, whatever the hour);
   * `hours` counts natural time from the announcement to the start.
   */
  notice: z.union([z.strictObject({ naturalDays: PositiveInt }), z.strictObject({ hours: PositiveInt })], {
    error: (iss) => `expected ${NOTICE}, got ${got(iss)}`,
  }),
});

export const DutyPolicySchema = z.strictObject({
  rota: DutyRotaPolicySchema.optional(),
  leaderDays: LeaderDaysPolicySchema.optional(),
});

export type DutyPolicy = z.infer<typeof DutyPolicySchema>;
export type DutyRotaPolicy = z.infer<typeof DutyRotaPolicySchema>;
export type LeaderDaysPolicy = z.infer<typeof LeaderDaysPolicySchema>;
