import type { Clock } from '../../shared/clock';
import type { CityCatalog } from '../city/city-catalog';
import type { UnitOfWork } from '../ports';
import { IdempotentIntakeService } from '../work-order/idempotent-intake.service';
import { TaskClaimService } from '../work-order/task-claim.service';
import type { WorkOrderService } from '../work-order/work-order.service';
import type { Actor } from '../work-order/actor';
import { BatchSignService } from './batch-sign.service';
import { MergeService } from '../merge/merge.service';
import { InboxService } from './inbox.service';
import { OrderDetailView, OrderViewService, TaskView, taskView } from './order-view.service';
import { RoutingSuggestionService } from './routing-suggestion.service';
import { TaskViewService } from './task-view.service';
import type { WorkOrderQueries } from './work-order-queries';

/**
 * What the API's orders, inbox and tasks routes call: one method per operation, each taking
 * the acting user. Everything it returns has the requester masked, except `requester`.
 */
export interface OrderServices {
  /** Records an order (idempotent with a key); `created` is false for a replay of the same key and body. */
  intake(
    actor: Actor,
    payload: unknown,
    idempotencyKey: string | undefined,
  ): Promise<{ view: OrderDetailView; created: boolean }>;
  search: OrderViewService['search'];
  searchForExport: OrderViewService['searchForExport'];
  order: OrderViewService['order'];
  timeline: OrderViewService['timeline'];
  requester: OrderViewService['requester'];
  inbox: InboxService['list'];
  inboxCounts: InboxService['counts'];
  inboxPulse: InboxService['pulse'];
  inboxArrivals: InboxService['arrivals'];
  /** 批量签收: each task through the same completion as its page; what became of each. */
  batchSign: BatchSignService['sign'];
  task: TaskViewService['task'];
  complete: TaskViewService['complete'];
  claim(actor: Actor, taskId: string): Promise<TaskView>;
  unclaim(actor: Actor, taskId: string): Promise<TaskView>;
  /** Where an order with these codes would go now (precedent, routing table), for the operator console. */
  suggestRouting: RoutingSuggestionService['suggest'];
  /** 并单: the intake's caller history, calls and orders merged into open orders, undoing a merge. */
  merge: MergeService;
}

export function createOrderServices(deps: {
  uow: UnitOfWork;
  catalog: CityCatalog;
  clock: Clock;
  workOrders: WorkOrderService;
  queries: WorkOrderQueries;
}): OrderServices {
  const { uow, catalog, clock, workOrders, queries } = deps;
  const intake = new IdempotentIntakeService(uow, workOrders, clock);
  const views = new OrderViewService(uow, catalog, clock, queries);
  const inbox = new InboxService(catalog, clock, queries);
  const tasks = new TaskViewService(uow, catalog, clock, workOrders);
  const claims = new TaskClaimService(uow, catalog, clock);
  const batch = new BatchSignService(catalog, tasks);
  const routing = new RoutingSuggestionService(uow, catalog);
  return {
    async intake(actor, payload, key) {
      const { order, created, tasks: written } = await intake.intake(actor, payload, key);
      // a new order's view from what its transaction wrote; a replay reads the order as it is now
      return { view: written ? views.committedOrder(actor, order, written) : await views.order(actor, order.id), created };
    },
    search: (actor, input) => views.search(actor, input),
    searchForExport: (actor, input) => views.searchForExport(actor, input),
    order: (actor, id) => views.order(actor, id),
    timeline: (actor, id) => views.timeline(actor, id),
    requester: (actor, id) => views.requester(actor, id),
    inbox: (actor, tab, scope, paging, options) => inbox.list(actor, tab, scope, paging, options),
    inboxCounts: (actor, scope) => inbox.counts(actor, scope),
    inboxPulse: (actor, scope) => inbox.pulse(actor, scope),
    inboxArrivals: (actor, since) => inbox.arrivals(actor, since),
    batchSign: (actor, ids) => batch.sign(actor, ids),
    task: (actor, id) => tasks.task(actor, id),
    complete: (actor, id, input) => tasks.complete(actor, id, input),
    claim: async (actor, id) => taskView(await claims.claim(actor, id), clock.now()),
    unclaim: async (actor, id) => taskView(await claims.unclaim(actor, id), clock.now()),
    suggestRouting: (actor, query) => routing.suggest(actor, query),
    merge: new MergeService(uow, catalog, clock),
  };
}
