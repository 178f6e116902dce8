import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../shared/clock';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolation, ValidationError } from '../../shared/errors';
import { assertCityRole, assertRole } from '../access/city-access';
import { canSeeRequester, maskRequester } from '../access/order-access';
import type { CityCatalog } from '../city/city-catalog';
import type { AuditEvent, Repositories, Requester, UnitOfWork, WorkOrder } from '../ports';
import { visibleOrder } from '../queries/order-view.service';
import { titleOf } from '../queries/work-order-queries';
import type { Actor, Role } from '../work-order/actor';
import { deadlineJobsForOrder, deadlineJobsForTask, taskDeadlineKeys } from '../work-order/job-keys';
import { ownValue } from '../../shared/own-key';
import { checkSource, checkTarget, isOpen, makesRepeat } from './merge-rules';
import type { OrderAppeal } from './merge.ports';
import { phoneKey, RelatedOrder, similarAddress } from './related-orders';

const CENTRE: readonly Role[] = ['operator', 'dispatcher', 'admin'];
/** Merging two recorded orders, and undoing it, is the centre's dispatching (an operator: only the order just recorded). */
const DISPATCH: readonly Role[] = ['dispatcher', 'admin'];
/** How long after recording it the operator may merge the order they recorded themselves. */
const JUST_RECORDED_MS = 2 * 3_600_000;
const DAY_MS = 86_400_000;
const PHONE = /^(\+?86)?1\d{10}$|^0\d{2,3}-?\d{7,8}$/;

export const CallSchema = z.strictObject({
  requester: z.strictObject({
    name: z.string().trim().min(1, "expected the requester's name").max(100),
    phone: z.string().regex(PHONE, 'expected a mobile (11 digits) or landline phone number'),
  }),
  channel: z.string().min(1),
  content: z.string().trim().min(1, 'expected what the requester said').max(10_000),
});
export type CallInput = z.infer<typeof CallSchema>;

export interface RelatedQuery {
  city?: string;
  phone?: string;
  district?: string;
  address?: string;
  topic?: string;
  category?: string;
}

export interface RelatedOrders {
  /** The caller's orders (as requester or merged caller), newest first. */
  byPhone: RelatedOrder[];
  /** Open orders on the same matter nearby, received in the last days, newest first. */
  nearby: RelatedOrder[];
}

/** An order's callers: its requester and every call merged into it, oldest first (masked unless `full`). */
export interface OrderAppealsView {
  mergedInto: { id: string; number: string } | null;
  requesterVisible: boolean;
  appeals: Array<Omit<OrderAppeal, 'restore' | 'undoneBy' | 'undoneAt'> & { sourceNumber: string | null; undoable: boolean }>;
}

function related(o: WorkOrder): RelatedOrder {
  return { id: o.id, number: o.number, receivedAt: o.createdAt, status: o.status, title: titleOf(o.content), unit: o.leadUnit, open: isOpen(o) };
}

function event(order: WorkOrder, actor: Actor, at: Date, type: string, data: Record<string, unknown>): AuditEvent {
  return { orderId: order.id, city: order.city, type, actor: actor.id, at, data };
}

/**
 * 并单处理 (国办函〔2025〕66号): what the intake finds of a caller and of the matter as the operator
 * types, a call merged into an open order instead of a second order, an order just recorded
 * merged into an earlier open one (the centre; audited; undone while both are open), and the
 * callers of an order for its units and its return visit.
 */
export class MergeService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly catalog: CityCatalog,
    private readonly clock: Clock,
  ) {}

  async related(actor: Actor, q: RelatedQuery): Promise<RelatedOrders> {
    const city = q.city ?? actor.city;
    assertCityRole(actor, city, CENTRE, "look up a caller's earlier orders");
    const policy = this.catalog.policy(city).policy;
    const since = new Date(this.clock.now().getTime() - (policy.repeatDetection?.withinDays ?? 30) * DAY_MS);
    const key = q.phone ? phoneKey(q.phone) : '';
    return this.uow.read(async (repos) => {
      const mine = key.length >= 7 ? await repos.appeals.findByPhone(city, key, 10) : [];
      const near = q.district && (q.topic || q.category) ? await repos.appeals.findOpenNearby({ city, district: q.district, topic: q.topic, category: q.category, since }, 50) : [];
      const alike = (o: WorkOrder) => !q.address || !o.location.address || similarAddress(q.address, o.location.address);
      const nearby = near.filter((o) => !mine.some((m) => m.id === o.id) && alike(o)).slice(0, 10);
      return { byPhone: mine.map(related), nearby: nearby.map(related) };
    });
  }

  /** A call merged into the open order `targetId` at intake: no second order, an appeal of the first. */
  async mergeCall(actor: Actor, targetId: string, input: unknown): Promise<OrderAppeal> {
    assertRole(actor, CENTRE, 'merge a call into an order');
    const call = parseCall(input);
    const now = this.clock.now();
    return this.uow.run(async (repos) => {
      await repos.instances.lockByOrderId(targetId);
      const target = await visibleOrder(repos, this.catalog, actor, targetId);
      checkTarget(target, null, 'id');
      const policy = this.catalog.policy(target.city).policy;
      if (!ownValue(policy.channels, call.channel)) {
        throw new ValidationError('CHANNEL_UNKNOWN', `no channel ${call.channel} in ${policy.city}`, [{ path: 'channel', message: `expected one of ${Object.keys(policy.channels).join(', ')}` }]);
      }
      const repeat = makesRepeat(policy, target, await repos.appeals.findByOrder(target.id), call.requester.phone, now);
      const appeal = this.appealOf(actor, target, { ...call, calledAt: now, sourceOrderId: null, repeat, restore: null }, now);
      await repos.appeals.insert(appeal);
      await touch(repos, target, repeat ? [...target.flags, 'repeat'] : target.flags, now);
      await repos.audit.append([event(target, actor, now, 'order.appeal-added', { appealId: appeal.id, channel: call.channel, from: null, repeat })]);
      return appeal;
    });
  }

  /** The order `sourceId` merged into the open order `targetId`: its requester and content become an appeal there, its tasks stop. */
  async mergeOrder(actor: Actor, sourceId: string, targetId: string): Promise<OrderAppeal> {
    assertRole(actor, CENTRE, 'merge orders');
    const now = this.clock.now();
    return this.uow.run(async (repos) => {
      await repos.instances.lockByOrderIds([sourceId, targetId].sort());
      const source = await visibleOrder(repos, this.catalog, actor, sourceId);
      await this.authorizeOrderMerge(repos, actor, source, now);
      const target = await repos.orders.findById(targetId);
      if (!target) throw new NotFoundError('ORDER_NOT_FOUND', `no order ${targetId}`, { field: 'into', orderId: targetId });
      checkTarget(target, source, 'into');
      checkSource(source);
      const policy = this.catalog.policy(target.city).policy;
      const repeat = makesRepeat(policy, target, await repos.appeals.findByOrder(target.id), source.requester.phone, source.createdAt);
      const open = await repos.tasks.findOpenByOrder(source.id);
      for (const t of open) await repos.tasks.update({ ...t, status: 'cancelled', completedAt: now, completedBy: actor.id });
      await repos.jobs.cancel([...open.flatMap((t) => taskDeadlineKeys(t.id)), `deadline:order:${source.id}:overdue`]);
      const call = { requester: source.requester, channel: source.channel, content: source.content, calledAt: source.createdAt, sourceOrderId: source.id, repeat };
      const appeal = this.appealOf(actor, target, { ...call, restore: { status: source.status, taskIds: open.map((t) => t.id) } }, now);
      await repos.appeals.insert(appeal);
      const data = { ...source.data, mergedInto: { id: target.id, number: target.number } };
      await repos.orders.update({ ...source, status: 'cancelled', flags: [...source.flags, 'merged'], data, closedAt: now, updatedAt: now });
      await touch(repos, target, repeat ? [...target.flags, 'repeat'] : target.flags, now);
      await repos.audit.append([
        event(source, actor, now, 'order.merged', { into: target.number, intoId: target.id, appealId: appeal.id, tasksStopped: open.length }),
        event(target, actor, now, 'order.appeal-added', { appealId: appeal.id, channel: source.channel, from: source.number, fromId: source.id, repeat }),
      ]);
      return appeal;
    });
  }

  /** Undoes the merge of `sourceId` while the order it went into is open: both orders as they were, audited. */
  async undo(actor: Actor, sourceId: string): Promise<OrderAppeal> {
    assertRole(actor, DISPATCH, 'undo a merge');
    const now = this.clock.now();
    return this.uow.run(async (repos) => {
      const first = await repos.appeals.findBySource(sourceId);
      await repos.instances.lockByOrderIds(first ? [sourceId, first.orderId].sort() : [sourceId]);
      const source = await visibleOrder(repos, this.catalog, actor, sourceId);
      const appeal = await repos.appeals.findBySource(source.id);
      if (!appeal?.restore) throw new ConflictError('MERGE_NOT_IN_FORCE', `工单 ${source.number} 没有并单，无需撤销`, { field: 'id', order: source.number });
      const target = await repos.orders.findById(appeal.orderId);
      if (!target || !isOpen(target)) throw new RuleViolation('MERGE_TARGET_CLOSED', `工单 ${target?.number ?? ''} 已办结，不能再撤销并单`, { field: 'into', into: target?.number });
      const policy = this.catalog.policy(source.city).policy;
      const tasks = await repos.tasks.findByIds(appeal.restore.taskIds);
      for (const t of tasks) {
        const reopened = { ...t, status: 'open' as const, completedAt: null, completedBy: null };
        await repos.tasks.update(reopened);
        await repos.jobs.schedule(deadlineJobsForTask(reopened, policy.deadlines?.warnBefore, now));
      }
      const data = { ...source.data };
      delete data.mergedInto;
      const restored: WorkOrder = { ...source, status: appeal.restore.status, flags: source.flags.filter((f) => f !== 'merged'), data, closedAt: null, updatedAt: now };
      await repos.orders.update(restored);
      await repos.jobs.schedule(deadlineJobsForOrder(restored));
      await touch(repos, target, appeal.countedRepeat ? target.flags.filter((f) => f !== 'repeat') : target.flags, now);
      await repos.appeals.markUndone(appeal.id, actor.id, now);
      await repos.audit.append([
        event(source, actor, now, 'order.merge-undone', { from: target.number, fromId: target.id, appealId: appeal.id }),
        event(target, actor, now, 'order.appeal-removed', { appealId: appeal.id, from: source.number, fromId: source.id }),
      ]);
      return { ...appeal, undoneBy: actor.id, undoneAt: now };
    });
  }

  /**
   * Open orders this one may be merged into, for the centre on the order page: the same lookup as
   * the intake's with the order's own caller and place, the order itself left out ([] for others).
   */
  async candidates(actor: Actor, orderId: string): Promise<RelatedOrder[]> {
    if (!CENTRE.includes(actor.role)) return [];
    const order = await this.uow.read((repos) => visibleOrder(repos, this.catalog, actor, orderId));
    if (!isOpen(order)) return [];
    const q = { phone: order.requester.phone, district: order.location.district, address: order.location.address, topic: order.topic ?? undefined, category: order.category };
    const found = await this.related(actor, q);
    return [...found.byPhone, ...found.nearby].filter((o) => o.open && o.id !== order.id && o.receivedAt.getTime() <= order.createdAt.getTime());
  }

  /** The calls merged into an order (requesters masked), and the order it was merged into, for those who may see it. */
  async appeals(actor: Actor, orderId: string): Promise<OrderAppealsView> {
    return this.uow.read(async (repos) => {
      const order = await visibleOrder(repos, this.catalog, actor, orderId);
      const [list, into] = await Promise.all([repos.appeals.findByOrder(order.id), repos.appeals.findBySource(order.id)]);
      const sources = new Map((await repos.orders.findByIds(list.flatMap((a) => (a.sourceOrderId ? [a.sourceOrderId] : [])))).map((o) => [o.id, o.number]));
      const target = into ? await repos.orders.findById(into.orderId) : null;
      const mayUndo = DISPATCH.includes(actor.role) && isOpen(order);
      return {
        mergedInto: target ? { id: target.id, number: target.number } : null,
        requesterVisible: canSeeRequester(this.catalog.policy(order.city).policy, actor, order),
        appeals: list.map(({ restore, undoneBy: _b, undoneAt: _a, ...a }) => ({
          ...a,
          requester: maskRequester(a.requester),
          sourceNumber: a.sourceOrderId ? (sources.get(a.sourceOrderId) ?? null) : null,
          undoable: mayUndo && restore !== null,
        })),
      };
    });
  }

  /** Every caller of the order in full, for the return visit (HK-17: the centre and its units; audited as a view of the requester). */
  async callers(actor: Actor, orderId: string): Promise<Array<Requester & { calledAt: Date }>> {
    const now = this.clock.now();
    return this.uow.run(async (repos) => {
      const order = await visibleOrder(repos, this.catalog, actor, orderId);
      if (!canSeeRequester(this.catalog.policy(order.city).policy, actor, order)) {
        throw new ForbiddenError('REQUESTER_NOT_VISIBLE', `the requesters of order ${order.number} are shown only to its handling units and the centre`);
      }
      const list = await repos.appeals.findByOrder(order.id);
      await repos.audit.append([event(order, actor, now, 'requester.viewed', { number: order.number, role: actor.role, unit: actor.unit, callers: list.length + 1 })]);
      return [{ ...order.requester, calledAt: order.createdAt }, ...list.map((a) => ({ ...a.requester, calledAt: a.calledAt }))];
    });
  }

  /** The centre's dispatchers merge any order; an operator only one they recorded themselves just now. */
  private async authorizeOrderMerge(repos: Repositories, actor: Actor, source: WorkOrder, now: Date): Promise<void> {
    if (DISPATCH.includes(actor.role)) return;
    const created = (await repos.audit.findByOrder(source.id)).find((e) => e.type === 'order.created');
    if (created?.actor === actor.id && now.getTime() - source.createdAt.getTime() <= JUST_RECORDED_MS) return;
    throw new ForbiddenError('ROLE_NOT_ALLOWED', `role ${actor.role} may merge only an order they recorded in the last two hours; merging other orders is the dispatchers'`, { roles: DISPATCH, field: 'id' });
  }

  private appealOf(actor: Actor, target: WorkOrder, c: Omit<CallInput, 'channel'> & { channel: string; calledAt: Date; sourceOrderId: string | null; repeat: boolean; restore: OrderAppeal['restore'] }, now: Date): OrderAppeal {
    return {
      id: randomUUID(),
      city: target.city,
      orderId: target.id,
      sourceOrderId: c.sourceOrderId,
      requester: { name: c.requester.name, phone: c.requester.phone },
      channel: c.channel,
      content: c.content,
      calledAt: c.calledAt,
      mergedBy: actor.id,
      mergedAt: now,
      countedRepeat: c.repeat,
      restore: c.restore,
      undoneBy: null,
      undoneAt: null,
    };
  }
}

function parseCall(input: unknown): CallInput {
  const r = CallSchema.safeParse(input);
  if (r.success) return r.data;
  throw new ValidationError('REQUEST_INVALID', 'the call is not valid', r.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })));
}

async function touch(repos: Repositories, order: WorkOrder, flags: string[], now: Date): Promise<void> {
  await repos.orders.update({ ...order, flags, updatedAt: now });
}
