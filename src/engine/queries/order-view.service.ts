import type { Clock } from '../../shared/clock';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors';
import {
  assertCanSeeOrder,
  canSeeRequester,
  CENTRE_ROLES,
  CITY_READ_ROLES,
  maskRequester,
  readableContent,
  UNIT_ROLES,
} from '../access/order-access';
import type { CityCatalog } from '../city/city-catalog';
import type { OrderStatus, Repositories, Requester, StoredAuditEvent, Task, UnitOfWork, WorkOrder } from '../ports';
import type { Actor } from '../work-order/actor';
import { isPersonalSearchWord, redactValue } from '../../shared/redact-text';
import {
  OrderRow,
  Paged,
  Paging,
  remainingSeconds,
  titleOf,
  unitSubtree,
  WorkOrderQueries,
  type OrderSort,
} from './work-order-queries';
import { addDays, ZoneClock } from '../calendar/local-date';

/** The most rows one export of a search carries (the result says how many there were in all). */
export const EXPORT_MAX_ROWS = 5_000;

export interface OrderSearchInput extends Paging {
  /** Default: the user's city; another city is refused. */
  city?: string;
  status?: OrderStatus;
  category?: string;
  unit?: string;
  overdue?: boolean;
  dueBefore?: Date;
  q?: string;
  channel?: string;
  /** The first and last day of receipt, `YYYY-MM-DD` in the city's calendar (both included). */
  receivedFrom?: string;
  receivedTo?: string;
  sort?: OrderSort;
}

/** An order in a list: requester masked, content cut to a title. */
export interface OrderSummaryView extends Omit<OrderRow, 'content'> {
  title: string;
  overdue: boolean;
  remainingSeconds: number | null;
}

/** A task as shown beside its order (form data with citizens' numbers masked, for every reader). */
export type TaskView = Omit<Task, 'instanceId' | 'executionId'> & { remainingSeconds: number | null };

export interface DeadlineView {
  dueAt: Date | null;
  provisional: boolean;
  flags: string[];
  overdue: boolean;
  remainingSeconds: number | null;
}

export interface OrderDetailView {
  /**
   * Requester always masked, `data` redacted; `content` as written only for those who may see the
   * requester (redacted for the rest); `requesterVisible` says whether GET …/requester would show it.
   */
  order: WorkOrder;
  requesterVisible: boolean;
  tasks: TaskView[];
  deadlines: DeadlineView;
}

export function isOverdue(o: { flags: string[]; dueAt: Date | null; closedAt: Date | null }, now: Date): boolean {
  return o.flags.includes('overdue') || (o.closedAt === null && o.dueAt !== null && o.dueAt.getTime() < now.getTime());
}

export function taskView(task: Task, now: Date): TaskView {
  const view: TaskView & Partial<Pick<Task, 'instanceId' | 'executionId'>> = {
    ...task,
    formData: redactValue(task.formData),
    remainingSeconds: task.status === 'open' ? remainingSeconds(task.dueAt, now) : null,
  };
  delete view.instanceId;
  delete view.executionId;
  return view;
}

function detailView(catalog: CityCatalog, actor: Actor, order: WorkOrder, tasks: Task[], now: Date): OrderDetailView {
  const policy = catalog.policy(order.city).policy;
  return {
    order: {
      ...order,
      content: readableContent(policy, actor, order),
      data: redactValue(order.data),
      requester: maskRequester(order.requester),
    },
    requesterVisible: canSeeRequester(policy, actor, order),
    tasks: tasks.map((t) => taskView(t, now)),
    deadlines: {
      dueAt: order.dueAt,
      provisional: order.dueProvisional,
      flags: order.flags,
      overdue: isOverdue(order, now),
      remainingSeconds: order.closedAt ? null : remainingSeconds(order.dueAt, now),
    },
  };
}

/** The order if the actor may see it: another city's order is not found, another unit's is forbidden. */
export async function visibleOrder(
  repos: Repositories,
  catalog: CityCatalog,
  actor: Actor,
  orderId: string,
): Promise<WorkOrder> {
  const order = await repos.orders.findById(orderId);
  if (!order || order.city !== actor.city)
    throw new NotFoundError('ORDER_NOT_FOUND', `no order ${orderId}`, { orderId });
  assertCanSeeOrder(catalog.policy(order.city).policy, actor, order);
  return order;
}

/**
 * What people read about orders: search, one order with its tasks and deadlines, its timeline,
 * and (for those allowed, audited) the requester in full. Requesters are masked in everything
 * else; citizens' numbers quoted in audit data, order data or forms are masked too, and in the
 * content for those who may not see the requester.
 */
export class OrderViewService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly catalog: CityCatalog,
    private readonly clock: Clock,
    private readonly queries: WorkOrderQueries,
  ) {}

  async search(actor: Actor, input: OrderSearchInput): Promise<Paged<OrderSummaryView> & Paging> {
    const city = input.city ?? actor.city;
    if (city !== actor.city)
      throw new ForbiddenError(
        'CITY_MISMATCH',
        `${actor.id} works for ${actor.city}: orders of ${city} are not theirs to read`,
        { city },
      );
    const policy = this.catalog.policy(city).policy;
    const wholeCity = CENTRE_ROLES.has(actor.role) || CITY_READ_ROLES.has(actor.role);
    // those who may not see requesters (supervisors, auditors) may not search by their numbers;
    // the centre and the units (within their orders) find an order by its requester's phone too
    const readsRequesters = CENTRE_ROLES.has(actor.role) || UNIT_ROLES.has(actor.role);
    if (!readsRequesters) refusePersonalWords(actor, input.q);
    const now = this.clock.now();
    const zone = new ZoneClock(policy.timezone);
    const { items, total } = await this.queries.searchOrders(
      {
        city,
        units: wholeCity ? null : unitSubtree(policy, actor.unit),
        status: input.status,
        category: input.category,
        unit: input.unit,
        overdue: input.overdue,
        dueBefore: input.dueBefore,
        text: input.q,
        matchRequesterPhone: readsRequesters,
        channel: input.channel,
        receivedFrom: input.receivedFrom === undefined ? undefined : new Date(zone.startOfDay(input.receivedFrom)),
        receivedBefore: input.receivedTo === undefined ? undefined : new Date(zone.startOfDay(addDays(input.receivedTo, 1))),
        sort: input.sort,
      },
      now,
      { page: input.page, pageSize: input.pageSize },
    );
    return { items: items.map((row) => summary(row, now)), total, page: input.page, pageSize: input.pageSize };
  }

  /**
   * A search's whole result (up to EXPORT_MAX_ROWS, newest first unless sorted) for the centre's
   * .xlsx export; others are refused. Requesters stay masked and titles carry no citizen's number.
   */
  async searchForExport(actor: Actor, input: Omit<OrderSearchInput, 'page' | 'pageSize'>): Promise<Paged<OrderSummaryView>> {
    if (!CENTRE_ROLES.has(actor.role)) throw new ForbiddenError('EXPORT_NOT_ALLOWED', '只有热线中心的话务员、调度审核和管理员可以导出查询结果', { role: actor.role });
    const { items, total } = await this.search(actor, { ...input, page: 1, pageSize: EXPORT_MAX_ROWS });
    return { items: items.map((i) => ({ ...i, title: redactValue(i.title) })), total };
  }

  async order(actor: Actor, orderId: string): Promise<OrderDetailView> {
    const now = this.clock.now();
    return this.uow.run(async (repos) => {
      const order = await visibleOrder(repos, this.catalog, actor, orderId);
      const tasks = await repos.tasks.findByOrder(order.id);
      return detailView(this.catalog, actor, order, tasks, now);
    });
  }

  /**
   * The view of an order just committed, from the order and tasks the step wrote, as `order`
   * would read them back (the same checks, the tasks in the same order) without the round trips.
   */
  committedOrder(actor: Actor, order: WorkOrder, tasks: Task[]): OrderDetailView {
    const now = this.clock.now();
    if (order.city !== actor.city) throw new NotFoundError('ORDER_NOT_FOUND', `no order ${order.id}`, { orderId: order.id });
    assertCanSeeOrder(this.catalog.policy(order.city).policy, actor, order);
    const byCreation = [...tasks].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return detailView(this.catalog, actor, order, byCreation, now);
  }

  /** The order's audit events, oldest first, citizens' numbers masked (for every reader). */
  async timeline(actor: Actor, orderId: string): Promise<StoredAuditEvent[]> {
    return this.uow.run(async (repos) => {
      await visibleOrder(repos, this.catalog, actor, orderId);
      const events = await repos.audit.findByOrder(orderId);
      return events.map((e) => ({ ...e, data: redactValue(e.data) }));
    });
  }

  /** The requester in full (HK-17): handling units and the centre only; the view is audited in the same transaction. */
  async requester(actor: Actor, orderId: string): Promise<Requester> {
    const now = this.clock.now();
    return this.uow.run(async (repos) => {
      const order = await visibleOrder(repos, this.catalog, actor, orderId);
      if (!canSeeRequester(this.catalog.policy(order.city).policy, actor, order)) {
        throw new ForbiddenError(
          'REQUESTER_NOT_VISIBLE',
          `the requester of order ${order.number} is shown only to its handling units and the centre, not to a ${actor.role} of ${actor.unit}`,
        );
      }
      await repos.audit.append([
        {
          orderId: order.id,
          city: order.city,
          type: 'requester.viewed',
          actor: actor.id,
          at: now,
          data: { number: order.number, role: actor.role, unit: actor.unit },
        },
      ]);
      return { ...order.requester };
    });
  }
}

/** SEARCH_TERM_REFUSED naming q: a word that is a piece of a phone or ID-card number, or an address. */
function refusePersonalWords(actor: Actor, q: string | undefined): void {
  const words = (q ?? '').split(/\s+/).filter(isPersonalSearchWord);
  if (words.length === 0) return;
  throw new ValidationError(
    'SEARCH_TERM_REFUSED',
    `a ${actor.role} may not search by phone or ID-card numbers or e-mail addresses: "${words.join(' ')}" (words with four or more digits are accepted only as a whole order number)`,
    [{ path: 'q', message: `expected words without phone or ID-card numbers, got "${words.join(' ')}"` }],
  );
}

function summary(row: OrderRow, now: Date): OrderSummaryView {
  const { content, ...rest } = row;
  return {
    ...rest,
    requester: maskRequester(row.requester),
    title: titleOf(content),
    overdue: isOverdue(row, now),
    remainingSeconds: row.closedAt ? null : remainingSeconds(row.dueAt, now),
  };
}
