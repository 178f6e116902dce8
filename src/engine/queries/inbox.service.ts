import type { Clock } from '../../shared/clock';
import { maskRequester } from '../access/order-access';
import type { CityCatalog } from '../city/city-catalog';
import type { OrderStatus, Requester } from '../ports';
import type { Actor } from '../work-order/actor';
import {
  InboxCounts,
  inboxFilter,
  InboxListOptions,
  InboxScope,
  InboxTab,
  InboxTask,
  Paged,
  Paging,
  remainingSeconds,
  titleOf,
  WorkOrderQueries,
} from './work-order-queries';

/** One line of the inbox: the task, its time left, and its order in brief (requester masked). */
export interface InboxItemView extends InboxTask {
  remainingSeconds: number | null;
  order: { id: string; number: string; category: string; title: string; status: OrderStatus; requester: Requester };
}

/** The live part of an inbox: its counts, and the unit's tasks to do. */
export interface InboxPulse {
  counts: InboxCounts;
  todo: number;
}

/**
 * The inbox of a user: the tasks of their unit (the centre's for centre users), by tab (see
 * InboxTab in work-order-queries.ts for what each tab holds), sorted by due time.
 */
export class InboxService {
  constructor(
    private readonly catalog: CityCatalog,
    private readonly clock: Clock,
    private readonly queries: WorkOrderQueries,
  ) {}

  async list(
    actor: Actor,
    tab: InboxTab,
    scope: InboxScope,
    paging: Paging,
    options: InboxListOptions = {},
  ): Promise<Paged<InboxItemView> & Paging> {
    const now = this.clock.now();
    const filter = inboxFilter(this.catalog.policy(actor.city).policy, actor, scope, now);
    const { items, total } = await this.queries.inbox(filter, tab, paging, options);
    return {
      items: items.map(({ task, order }) => ({
        ...task,
        remainingSeconds: task.status === 'open' ? remainingSeconds(task.dueAt, now) : null,
        order: {
          id: order.id,
          number: order.number,
          category: order.category,
          title: titleOf(order.content),
          status: order.status,
          requester: maskRequester(order.requester),
        },
      })),
      total,
      ...paging,
    };
  }

  async counts(actor: Actor, scope: InboxScope): Promise<InboxCounts> {
    const now = this.clock.now();
    return this.queries.inboxCounts(inboxFilter(this.catalog.policy(actor.city).policy, actor, scope, now));
  }

  /**
   * What an open page shows live: the tabs' counts of `scope`, and the unit's tasks to do
   * (待签收 + 办理中 of the whole unit: the number on the navigation's 待办工单).
   */
  async pulse(actor: Actor, scope: InboxScope): Promise<InboxPulse> {
    const counts = await this.counts(actor, scope);
    const unit = scope === 'unit' ? counts : await this.counts(actor, 'unit');
    return { counts, todo: unit['to-sign'] + unit['in-progress'] };
  }

  /** How many of the unit's open tasks the user may act on arrived after `since`. */
  async arrivals(actor: Actor, since: Date): Promise<number> {
    const filter = inboxFilter(this.catalog.policy(actor.city).policy, actor, 'unit', this.clock.now());
    return this.queries.inboxArrivals(filter, since);
  }
}
