import { z } from 'zod';
import type { InboxItemView } from '../../engine/queries/inbox.service';
import { INBOX_TABS, InboxCounts } from '../../engine/queries/work-order-queries';
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
  ...PagingQuery,
});

export const InboxCountsQuery = z.strictObject({ scope: Scope });

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
