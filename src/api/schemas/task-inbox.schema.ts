import { z } from 'zod';
import type { InboxItemView, InboxPulse } from '../../engine/queries/inbox.service';
import { BATCH_SIGN_MAX, type BatchSignResult } from '../../engine/queries/batch-sign.service';
import { INBOX_DUE, INBOX_SORTS, INBOX_TABS, InboxCounts } from '../../engine/queries/work-order-queries';
import { PagingQuery } from './common.schema';
import { ORDER_STATUSES, RequesterSchema } from './order.schema';
import { DateTime, iso } from './task.schema';

const Scope = z
  .enum(['mine', 'unit'], { error: 'expected mine or unit' })
  .default('unit')
  .describe('unit (default): every task of your unit; mine: the tasks you hold (open tabs) or completed (done)');

export const InboxQuery = z.strictObject({
  tab: z.enum(INBOX_TABS, { error: `expected one of ${INBOX_TABS.join(', ')}` }).default('to-sign'),
  scope: Scope,
  category: z.string().min(1).max(100).optional().describe("only orders of this category (the policy's key)"),
  unit: z.string().min(1).max(200).optional().describe("only orders whose lead unit (主办单位) is this unit"),
  due: z
    .enum(INBOX_DUE, { error: `expected one of ${INBOX_DUE.join(', ')}` })
    .optional()
    .describe("today: open, not overdue and due by the end of today in the city's time; overdue: open and past due or marked overdue"),
  sort: z
    .enum(INBOX_SORTS, { error: `expected one of ${INBOX_SORTS.join(', ')}` })
    .default('due')
    .describe('due (default): nearest due time first, none last; newest / oldest: by arrival of the task'),
  ...PagingQuery,
});

export const InboxCountsQuery = z.strictObject({ scope: Scope });

export const InboxStreamQuery = z.strictObject({
  scope: Scope,
  since: DateTime.optional().describe('count as arrived the tasks created after this instant (the time the page was shown)'),
});

export const BatchSignBody = z.strictObject({
  taskIds: z.array(z.uuid()).min(1).max(BATCH_SIGN_MAX).describe(`1 to ${BATCH_SIGN_MAX} tasks to sign; a task listed twice is signed once`),
});

export const BatchSignResultSchema = z.object({
  results: z.array(
    z.object({
      taskId: z.uuid(),
      orderNumber: z.string().nullable().describe('null when the task could not be read (not found, not visible)'),
      signed: z.boolean(),
      code: z.string().optional().describe('why not: the error code the task alone would have answered (e.g. TASK_NOT_OPEN, ORDER_NOT_VISIBLE, SIGN_NEEDS_FORM)'),
      message: z.string().optional(),
    }),
  ),
  signed: z.number().int(),
  refused: z.number().int(),
});

export function presentBatchSign(results: BatchSignResult[]): z.infer<typeof BatchSignResultSchema> {
  const signed = results.filter((r) => r.signed).length;
  return { results, signed, refused: results.length - signed };
}

export const InboxItemSchema = z.object({
  id: z.uuid().describe('the task'),
  name: z.string(),
  formKey: z.string(),
  unit: z.string(),
  assignee: z.string().nullable(),
  status: z.enum(['open', 'completed', 'cancelled']),
  flags: z.array(z.string()),
  createdAt: DateTime,
  dueAt: DateTime.nullable(),
  remainingSeconds: z
    .number()
    .int()
    .nullable()
    .describe('until due (negative once past); null when done or without a due time'),
  completedAt: DateTime.nullable(),
  completedBy: z.string().nullable(),
  outcome: z.string().nullable(),
  order: z.object({
    id: z.uuid(),
    number: z.string(),
    category: z.string(),
    title: z.string().describe('the first 60 characters of the content'),
    status: z.enum(ORDER_STATUSES),
    requester: RequesterSchema.describe('masked'),
  }),
});

export const InboxPageSchema = z.object({
  items: z.array(InboxItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const InboxCountsSchema = z.object({
  toSign: z.number().int(),
  inProgress: z.number().int(),
  dueSoon: z.number().int(),
  overdue: z.number().int(),
  done: z.number().int(),
});

/** The data of each `inbox` event of GET /api/inbox/stream. */
export const InboxPulseSchema = z.object({
  counts: InboxCountsSchema,
  todo: z.number().int().describe("open tasks of your unit you may act on (to-sign + in-progress of the whole unit): the navigation's badge"),
  arrived: z.number().int().describe('open tasks of your unit you may act on that were created after `since` (0 without since)'),
});

export function presentPulse(p: InboxPulse, arrived: number): z.infer<typeof InboxPulseSchema> {
  return { counts: presentCounts(p.counts), todo: p.todo, arrived };
}

function presentItem(i: InboxItemView): z.infer<typeof InboxItemSchema> {
  return {
    id: i.id,
    name: i.name,
    formKey: i.formKey,
    unit: i.candidateUnit,
    assignee: i.assignee,
    status: i.status,
    flags: i.flags,
    createdAt: i.createdAt.toISOString(),
    dueAt: iso(i.dueAt),
    remainingSeconds: i.remainingSeconds,
    completedAt: iso(i.completedAt),
    completedBy: i.completedBy,
    outcome: i.outcome,
    order: { ...i.order, requester: { name: i.order.requester.name, phone: i.order.requester.phone } },
  };
}

export function presentInbox(p: {
  items: InboxItemView[];
  total: number;
  page: number;
  pageSize: number;
}): z.infer<typeof InboxPageSchema> {
  return { items: p.items.map(presentItem), total: p.total, page: p.page, pageSize: p.pageSize };
}

export function presentCounts(c: InboxCounts): z.infer<typeof InboxCountsSchema> {
  return {
    toSign: c['to-sign'],
    inProgress: c['in-progress'],
    dueSoon: c['due-soon'],
    overdue: c.overdue,
    done: c.done,
  };
}
