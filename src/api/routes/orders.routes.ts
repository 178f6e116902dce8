import type { OrderServices } from '../../engine/queries/order-services';
import { IntakeSchema } from '../../engine/work-order/intake';
import type { ApiRouter } from '../openapi/api-router';
import { IdParams, problems } from '../schemas/common.schema';
import { OrderSearchQuery } from '../schemas/order-search.schema';
import {
  OrderDetailSchema,
  OrderPageSchema,
  presentOrderDetail,
  presentOrderPage,
  presentRequester,
  presentTimeline,
  RequesterSchema,
  TimelineSchema,
} from '../schemas/order.schema';
import { inboxRoutes } from './inbox.routes';
import { mergeRoutes } from './merge.routes';
import { routingRoutes } from './routing.routes';
import { actorOf, taskRoutes } from './tasks.routes';

/**
 * Work orders: intake, search, one order, its timeline and (audited) its requester; with the
 * inbox and task actions (inbox.routes.ts, tasks.routes.ts), registered together.
 */
export function orderRoutes(api: ApiRouter, s: OrderServices): void {
  api.add({
    method: 'post',
    path: '/api/orders',
    tag: 'orders',
    summary:
      'Record an order (operator, dispatcher or admin of the city): mode dispatch (default), answer (with `answer`), not-accepted (with `reason`) or transfer (with `transferTo`). ' +
      'With an Idempotency-Key, a repeat with the same body returns the first order (200), with another body 422 IDEMPOTENCY_KEY_REUSED. ' +
      'The response shows the requester masked like every other read (the full record: GET /api/orders/{id}/requester).',
    body: IntakeSchema,
    headers: {
      'Idempotency-Key': {
        description:
          'any unique string per order (e.g. a UUID), at most 200 visible ASCII characters; honoured per user',
      },
    },
    responses: {
      201: { description: 'recorded: the order, its tasks and deadlines', schema: OrderDetailSchema },
      200: {
        description: 'the order already recorded with this Idempotency-Key and the same body',
        schema: OrderDetailSchema,
      },
      ...problems(400, 401, 403, 404, 422),
    },
    handler: async ({ auth, body, req, res }) => {
      const { view, created } = await s.intake(actorOf(auth), body, req.get('idempotency-key'));
      res.status(created ? 201 : 200).json(presentOrderDetail(view));
      return undefined;
    },
  });

  api.add({
    method: 'get',
    path: '/api/orders',
    tag: 'orders',
    summary:
      'Search orders of your city, newest first, requester masked. Centre roles, supervisors and auditors see the whole city; a unit sees the orders on which it, or a unit below it, is lead or co-unit.',
    query: OrderSearchQuery,
    responses: { 200: { description: 'one page of orders', schema: OrderPageSchema }, ...problems(400, 401, 403) },
    handler: async ({ auth, query }) => presentOrderPage(await s.search(actorOf(auth), query)),
  });

  api.add({
    method: 'get',
    path: '/api/orders/:id',
    tag: 'orders',
    summary:
      "One order with its tasks (open and done) and deadlines; requester masked. Another city's order: 404; another unit's: 403 ORDER_NOT_VISIBLE.",
    params: IdParams,
    responses: { 200: { description: 'the order', schema: OrderDetailSchema }, ...problems(400, 401, 403, 404) },
    handler: async ({ auth, params }) => presentOrderDetail(await s.order(actorOf(auth), params.id)),
  });

  api.add({
    method: 'get',
    path: '/api/orders/:id/timeline',
    tag: 'orders',
    summary: 'The audit events of an order, oldest first (phone numbers masked); for those who may see the order.',
    params: IdParams,
    responses: { 200: { description: 'the timeline', schema: TimelineSchema }, ...problems(400, 401, 403, 404) },
    handler: async ({ auth, params }) => presentTimeline(await s.timeline(actorOf(auth), params.id)),
  });

  api.add({
    method: 'get',
    path: '/api/orders/:id/requester',
    tag: 'orders',
    summary:
      "The requester's name and phone in full (HK-17): only the centre and the order's handling units; every view is written to the audit log (requester.viewed). Others: 403 REQUESTER_NOT_VISIBLE.",
    params: IdParams,
    responses: {
      200: { description: 'the requester, unmasked (not cached)', schema: RequesterSchema },
      ...problems(400, 401, 403, 404),
    },
    handler: async ({ auth, params, res }) => {
      res.set('Cache-Control', 'no-store');
      return presentRequester(await s.requester(actorOf(auth), params.id));
    },
  });

  inboxRoutes(api, s);
  taskRoutes(api, s);
  routingRoutes(api, s);
  mergeRoutes(api, s);
}
