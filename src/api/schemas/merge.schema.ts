import { z } from 'zod';
import { maskRequester } from '../../engine/access/order-access';
import type { OrderAppeal } from '../../engine/merge/merge.ports';
import type { OrderAppealsView, RelatedOrders } from '../../engine/merge/merge.service';
import type { RelatedOrder } from '../../engine/merge/related-orders';
import { ORDER_STATUSES, RequesterSchema } from './order.schema';
import { DateTime } from './task.schema';

const iso = (d: Date): string => d.toISOString();

/** What the operator has typed so far: the caller's number and the matter's place. */
export const RelatedQuerySchema = z.strictObject({
  phone: z.string().max(40).optional().describe("the caller's number as typed; matched exactly on its digits (a mobile without +86)"),
  district: z.string().max(200).optional().describe('所属区域'),
  address: z.string().max(500).optional().describe('the address typed; open orders of a similar address are shown'),
  topic: z.string().max(100).optional().describe('诉求主题'),
  category: z.string().max(100).optional().describe('category code of the policy'),
});

const RelatedOrderSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  receivedAt: DateTime,
  status: z.enum(ORDER_STATUSES),
  title: z.string().describe('the content cut to a title, numbers masked'),
  unit: z.string().nullable().describe('the lead unit'),
  open: z.boolean().describe('still open: a call may be merged into it'),
});

export const RelatedOrdersSchema = z
  .object({
    byPhone: z.array(RelatedOrderSchema).describe("the caller's orders (as requester or as a merged caller), newest first, at most 10"),
    nearby: z.array(RelatedOrderSchema).describe('open orders of the same district on the topic or of the category, of a similar address, received in the last days (the policy\'s repeatDetection.withinDays, else 30), at most 10'),
  })
  .meta({ id: 'RelatedOrders' });

export const MergeBodySchema = z.strictObject({ into: z.uuid({ error: 'expected the id (uuid) of the order to merge into' }) });

export const AppealSchema = z
  .object({
    id: z.uuid(),
    orderId: z.uuid().describe('the order the call was merged into'),
    sourceOrderId: z.uuid().nullable().describe('the order recorded for the call and merged (null: merged at intake)'),
    requester: RequesterSchema.describe('masked: 张*, 138****0000'),
    channel: z.string(),
    content: z.string(),
    calledAt: DateTime,
    mergedBy: z.string(),
    mergedAt: DateTime,
    countedRepeat: z.boolean().describe('the merge marked the order a repeat call (HK-11)'),
    undoneAt: DateTime.nullable().optional(),
  })
  .meta({ id: 'Appeal' });

export const OrderAppealsSchema = z
  .object({
    mergedInto: z.object({ id: z.uuid(), number: z.string() }).nullable().describe('this order was merged into that one'),
    requesterVisible: z.boolean(),
    appeals: z.array(AppealSchema.extend({ sourceNumber: z.string().nullable(), undoable: z.boolean() })),
  })
  .meta({ id: 'OrderAppeals' });

export const CallersSchema = z
  .object({ items: z.array(RequesterSchema.extend({ calledAt: DateTime })).describe('the requester first, then each merged caller: everyone the return visit calls') })
  .meta({ id: 'Callers' });

const relatedOut = (o: RelatedOrder) => ({ ...o, receivedAt: iso(o.receivedAt) });

export function presentRelated(r: RelatedOrders): z.infer<typeof RelatedOrdersSchema> {
  return { byPhone: r.byPhone.map(relatedOut), nearby: r.nearby.map(relatedOut) };
}

export function presentAppeal(a: OrderAppeal): z.infer<typeof AppealSchema> {
  return {
    id: a.id,
    orderId: a.orderId,
    sourceOrderId: a.sourceOrderId,
    requester: maskRequester(a.requester),
    channel: a.channel,
    content: a.content,
    calledAt: iso(a.calledAt),
    mergedBy: a.mergedBy,
    mergedAt: iso(a.mergedAt),
    countedRepeat: a.countedRepeat,
    undoneAt: a.undoneAt ? iso(a.undoneAt) : null,
  };
}

export function presentAppeals(v: OrderAppealsView): z.infer<typeof OrderAppealsSchema> {
  return {
    mergedInto: v.mergedInto,
    requesterVisible: v.requesterVisible,
    appeals: v.appeals.map((a) => ({ ...presentAppeal({ ...a, restore: null, undoneBy: null, undoneAt: null }), requester: a.requester, sourceNumber: a.sourceNumber, undoable: a.undoable })),
  };
}
