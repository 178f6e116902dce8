import { z } from 'zod';
import { CityParams } from './common.schema';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month written YYYY-MM, e.g. 2026-04');
const LocalDate = z.iso.date({ error: 'expected a date written YYYY-MM-DD, e.g. 2026-04-11' });
const Role = z.enum(['head', 'deputy']).describe('head: 主要负责人 (does the online handling); deputy: 分管领导');

export const DutyMonthParams = CityParams.extend({ month: Month });
export const DutyDateParams = CityParams.extend({ date: LocalDate });
export const DutyIdParams = CityParams.extend({ id: z.uuid({ error: 'expected an id (uuid)' }) });

export const AddRotaEntryBody = z.strictObject({
  date: LocalDate.describe('the duty day: from dayStarts on this date to dayStarts the next'),
  unit: z.string().trim().min(1, 'expected a member unit of the city').max(100),
  person: z.string().trim().min(1, 'expected the name of the person on duty').max(50),
  role: Role,
  reason: z.string().trim().min(1, 'expected a reason').max(500).optional().describe('required once the month is published'),
});

export const RemoveRotaEntryBody = z.strictObject({
  reason: z.string().trim().min(1, 'expected a reason').max(500).optional().describe('required once the month is published'),
});

export const RotaEntrySchema = z.object({
  id: z.string(),
  city: z.string(),
  date: z.string(),
  unit: z.string(),
  person: z.string(),
  role: Role,
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
});

const OnlineHours = z.object({ from: z.string(), to: z.string() });

export const RotaMonthSchema = z.object({
  city: z.string(),
  month: z.string(),
  status: z.enum(['draft', 'published']),
  publishedAt: z.iso.datetime().nullable(),
  publishedBy: z.string().nullable(),
  publishBy: z.iso.datetime().describe("the month is published before this instant: its first duty day's start"),
  rule: z.string(),
  dayStarts: z.string(),
  onlineHours: z.array(OnlineHours),
  visible: z.boolean().describe('false for a unit reading a draft month: its days are empty'),
  days: z.array(z.object({ date: z.string(), startsAt: z.iso.datetime(), unit: z.string().nullable(), entries: z.array(RotaEntrySchema) })),
  uncovered: z.array(z.string()).describe('days nobody is on duty yet'),
});

export const DutyTodaySchema = z.object({
  city: z.string(),
  at: z.iso.datetime(),
  date: z.string().describe('the duty day at this instant: before dayStarts, the previous date'),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  unit: z.string().nullable(),
  entries: z.array(RotaEntrySchema),
  published: z.boolean(),
  online: z.boolean().describe('inside an online-handling window now'),
  onlineHours: z.array(OnlineHours.extend({ current: z.boolean() })),
  rule: z.string(),
});

export const WriteDutyLogBody = z.strictObject({
  kind: z.enum(['log', 'handover']).describe('log: a line of the duty log; handover: the handover note (one a day)'),
  text: z.string().trim().min(1, 'expected the text of the entry').max(2000, 'expected at most 2000 characters'),
});

export const DutyLogEntrySchema = z.object({
  id: z.string(),
  city: z.string(),
  date: z.string(),
  kind: z.enum(['log', 'handover']),
  text: z.string(),
  author: z.string(),
  authorName: z.string(),
  authorUnit: z.string(),
  at: z.iso.datetime(),
});

export const DutyLogDaySchema = z.object({
  city: z.string(),
  date: z.string(),
  unit: z.string().nullable(),
  entries: z.array(DutyLogEntrySchema),
  handover: DutyLogEntrySchema.nullable(),
  writable: z.boolean(),
});

const Instant = z.iso.datetime({ offset: true, error: 'expected a date-time with its offset, e.g. 2026-03-10T09:00:00+08:00' });

export const AnnounceLeaderDayBody = z.strictObject({
  leader: z.string().trim().min(1, "expected the leader's name").max(50),
  title: z.string().trim().min(1, "expected the leader's post, e.g. 副市长").max(100),
  startsAt: Instant,
  endsAt: Instant,
});

export const CancelLeaderDayBody = z.strictObject({
  reason: z.string().trim().min(1, 'expected a reason').max(500),
});

export const LeaderDaySchema = z.object({
  id: z.string(),
  city: z.string(),
  leader: z.string(),
  title: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  announcedAt: z.iso.datetime(),
  announcedBy: z.string(),
  cancelledAt: z.iso.datetime().nullable(),
  cancelledBy: z.string().nullable(),
  cancelReason: z.string().nullable(),
});

export const LeaderDayMonthSchema = z.object({
  city: z.string(),
  month: z.string(),
  rule: z.string(),
  minDuration: z.string(),
  notice: z.string(),
  items: z.array(LeaderDaySchema),
});
