import { z } from 'zod';
import { CityParams } from './common.schema';

export const CalendarParams = CityParams.extend({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month written YYYY-MM, e.g. 2026-02'),
});

export const CalendarDaySchema = z.object({
  date: z.string().describe('YYYY-MM-DD, local date of the city'),
  weekday: z.number().int().min(1).max(7).describe('ISO 8601: 1 = Monday … 7 = Sunday'),
  working: z.boolean(),
  reason: z
    .enum(['workday', 'weekend', 'official-holiday', 'adjusted-workday', 'city-holiday', 'city-workday'])
    .describe('official-holiday / adjusted-workday: State Council notices; city-holiday / city-workday: the policy\'s calendar additions'),
  holiday: z.string().nullable().describe('the official holiday the day belongs to (春节), also for its adjusted working days'),
  provisional: z.boolean().describe('the official calendar does not cover the year yet: weekends only'),
});

export const CalendarMonthSchema = z.object({
  city: z.string(),
  month: z.string(),
  timeZone: z.string(),
  /** True when any day of the month is provisional. */
  provisional: z.boolean(),
  workingDays: z.number().int(),
  days: z.array(CalendarDaySchema),
});
