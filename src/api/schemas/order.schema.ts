import { z } from 'zod';
import type { OrderStatus, Requester, StoredAuditEvent, WorkOrder } from '../../engine/ports';
import type { OrderDetailView, OrderSummaryView } from '../../engine/queries/order-view.service';
import { DateTime, iso, presentTask, TaskSchema } from './task.schema';

export const ORDER_STATUSES = [
  'received',
  'answered',
  'not-accepted',
  'transferred',
  'dispatched',
  'in-progress',
  'review',
  'visit',
  'closed',
  'cancelled',
] as const satisfies readonly OrderStatus[];

export const RequesterSchema = z.object({
  name: z.string(),
  phone: z.string(),
});

const MaskedRequester = RequesterSchema.describe(
  'masked: 张*, 138****0000 (GET /api/orders/{id}/requester shows it in full to those allowed)',
);

export const OrderSchema = z.object({
  id: z.uuid(),
  city: z.string(),
  number: z.string(),
  category: z.string(),
  channel: z.string(),
  topic: z.string().nullable(),
  content: z.string(),
  requester: MaskedRequester,
  location: z.object({ district: z.string().optional(), address: z.string().optional() }),
  status: z.enum(ORDER_STATUSES),
  leadUnit: z.string().nullable(),
  coUnits: z.array(z.string()),
  dueAt: DateTime.nullable(),
  dueProvisional: z.boolean(),
  flags: z.array(z.string()),
  data: z.record(z.string(), z.unknown()),
  processKey: z.string(),
  processVersion: z.number().int(),
  policyVersion: z.number().int(),
  createdAt: DateTime,
  updatedAt: DateTime,
  closedAt: DateTime.nullable(),
});

export const OrderDetailSchema = z.object({
  order: OrderSchema,
  requesterVisible: z
    .boolean()
    .describe('whether GET /api/orders/{id}/requester would show this user the requester in full'),
  tasks: z.array(TaskSchema).describe('every task of the order, open and done, oldest first'),
  deadlines: z.object({
    dueAt: DateTime.nullable(),
    provisional: z.boolean().describe('the deadline falls in a year the official calendar does not cover yet'),
    flags: z.array(z.string()),
    overdue: z.boolean(),
    remainingSeconds: z.number().int().nullable(),
  }),
});

export const OrderSummarySchema = OrderSchema.pick({
  id: true,
  city: true,
  number: true,
  category: true,
  channel: true,
  topic: true,
  requester: true,
  status: true,
  leadUnit: true,
  coUnits: true,
  dueAt: true,
  dueProvisional: true,
  flags: true,
  createdAt: true,
  closedAt: true,
}).extend({
  title: z.string().describe('the first 60 characters of the content'),
  overdue: z.boolean(),
  remainingSeconds: z.number().int().nullable(),
});

export const OrderPageSchema = z.object({
  items: z.array(OrderSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const TimelineSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      type: z.string().describe('e.g. order.created, task.completed, requester.viewed'),
      actor: z.string().describe('username, or system'),
      at: DateTime,
      data: z.record(z.string(), z.unknown()).describe('phone numbers masked'),
    }),
  ),
});

export function presentOrder(o: WorkOrder): z.infer<typeof OrderSchema> {
  return {
    id: o.id,
    city: o.city,
    number: o.number,
    category: o.category,
    channel: o.channel,
    topic: o.topic,
    content: o.content,
    requester: { name: o.requester.name, phone: o.requester.phone },
    location: o.location,
    status: o.status,
    leadUnit: o.leadUnit,
    coUnits: o.coUnits,
    dueAt: iso(o.dueAt),
    dueProvisional: o.dueProvisional,
    flags: o.flags,
    data: o.data,
    processKey: o.processKey,
    processVersion: o.processVersion,
    policyVersion: o.policyVersion,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    closedAt: iso(o.closedAt),
  };
}

export function presentOrderDetail(v: OrderDetailView): z.infer<typeof OrderDetailSchema> {
  return {
    order: presentOrder(v.order),
    requesterVisible: v.requesterVisible,
    tasks: v.tasks.map(presentTask),
    deadlines: { ...v.deadlines, dueAt: iso(v.deadlines.dueAt) },
  };
}

function presentSummary(s: OrderSummaryView): z.infer<typeof OrderSummarySchema> {
  return {
    id: s.id,
    city: s.city,
    number: s.number,
    category: s.category,
    channel: s.channel,
    topic: s.topic,
    requester: { name: s.requester.name, phone: s.requester.phone },
    status: s.status,
    leadUnit: s.leadUnit,
    coUnits: s.coUnits,
    dueAt: iso(s.dueAt),
    dueProvisional: s.dueProvisional,
    flags: s.flags,
    createdAt: s.createdAt.toISOString(),
    closedAt: iso(s.closedAt),
    title: s.title,
    overdue: s.overdue,
    remainingSeconds: s.remainingSeconds,
  };
}

export function presentOrderPage(p: {
  items: OrderSummaryView[];
  total: number;
  page: number;
  pageSize: number;
}): z.infer<typeof OrderPageSchema> {
  return { items: p.items.map(presentSummary), total: p.total, page: p.page, pageSize: p.pageSize };
}

export function presentTimeline(events: StoredAuditEvent[]): z.infer<typeof TimelineSchema> {
  return {
    items: events.map((e) => ({ id: e.id, type: e.type, actor: e.actor, at: e.at.toISOString(), data: e.data })),
  };
}

export function presentRequester(r: Requester): z.infer<typeof RequesterSchema> {
  return { name: r.name, phone: r.phone };
}
