import type { OrderServices } from '../../engine/queries/order-services';
import { CallSchema } from '../../engine/merge/merge.service';
import type { ApiRouter } from '../openapi/api-router';
import { IdParams, problems } from '../schemas/common.schema';
import {
  AppealSchema,
  CallersSchema,
  MergeBodySchema,
  OrderAppealsSchema,
  presentAppeal,
  presentAppeals,
  presentRelated,
  RelatedOrdersSchema,
  RelatedQuerySchema,
} from '../schemas/merge.schema';
import { actorOf } from './tasks.routes';

const REFUSALS =
  'Refused with the field named in details.field and nothing changed: orders of two cities (422 MERGE_CITY_MISMATCH), into a closed order (422 MERGE_TARGET_CLOSED), of a closed order (422 MERGE_SOURCE_CLOSED), twice (409 ORDER_ALREADY_MERGED), by a unit user (403 ROLE_NOT_ALLOWED).';

/** 并单处理 (国办函〔2025〕66号): the intake's caller history, merging a call or an order into an open order, undoing it. */
export function mergeRoutes(api: ApiRouter, s: OrderServices): void {
  api.add({
    method: 'get',
    path: '/api/intake/related',
    tag: 'orders',
    summary:
      "For the operator console as the operator types (operator, dispatcher, admin of the city; others 403 ROLE_NOT_ALLOWED): the caller's earlier orders by phone, and open orders on the same matter nearby.",
    query: RelatedQuerySchema,
    responses: { 200: { description: 'related orders', schema: RelatedOrdersSchema }, ...problems(400, 401, 403) },
    handler: async ({ auth, query }) => presentRelated(await s.merge.related(actorOf(auth), query)),
  });

  api.add({
    method: 'post',
    path: '/api/orders/:id/appeals',
    tag: 'orders',
    summary: `Merge a call into the open order {id} instead of recording a second order (the centre): the order gains the caller as a requester and what they said as an appeal. ${REFUSALS}`,
    params: IdParams,
    body: CallSchema,
    responses: { 201: { description: 'the appeal recorded', schema: AppealSchema }, ...problems(400, 401, 403, 404, 422) },
    status: 201,
    handler: async ({ auth, params, body }) => presentAppeal(await s.merge.mergeCall(actorOf(auth), params.id, body)),
  });

  api.add({
    method: 'get',
    path: '/api/orders/:id/appeals',
    tag: 'orders',
    summary: 'The calls merged into the order (requesters masked), and the order it was merged into; for those who may see the order.',
    params: IdParams,
    responses: { 200: { description: 'the appeals', schema: OrderAppealsSchema }, ...problems(400, 401, 403, 404) },
    handler: async ({ auth, params }) => presentAppeals(await s.merge.appeals(actorOf(auth), params.id)),
  });

  api.add({
    method: 'get',
    path: '/api/orders/:id/callers',
    tag: 'orders',
    summary:
      'Everyone the return visit calls, in full: the requester, then each merged caller. As GET /api/orders/{id}/requester: the centre and the handling units; audited (requester.viewed).',
    params: IdParams,
    responses: { 200: { description: 'the callers (not cached)', schema: CallersSchema }, ...problems(400, 401, 403, 404) },
    handler: async ({ auth, params, res }) => {
      res.set('Cache-Control', 'no-store');
      return { items: (await s.merge.callers(actorOf(auth), params.id)).map((c) => ({ name: c.name, phone: c.phone, calledAt: c.calledAt.toISOString() })) };
    },
  });

  api.add({
    method: 'post',
    path: '/api/orders/:id/merge',
    tag: 'orders',
    summary: `Merge the order {id} into the open order \`into\` (dispatcher or admin; an operator only an order they recorded in the last two hours): its requester and content become an appeal there, its open tasks stop, it no longer counts on its own in the assessment. Audited. ${REFUSALS}`,
    params: IdParams,
    body: MergeBodySchema,
    responses: { 200: { description: 'the appeal recorded on the order merged into', schema: AppealSchema }, ...problems(400, 401, 403, 404, 409, 422) },
    handler: async ({ auth, params, body }) => presentAppeal(await s.merge.mergeOrder(actorOf(auth), params.id, body.into)),
  });

  api.add({
    method: 'post',
    path: '/api/orders/:id/unmerge',
    tag: 'orders',
    summary:
      'Undo the merge of the order {id} while the order it went into is open (dispatcher or admin): both orders as they were, its tasks open again. Audited. Not merged: 409 MERGE_NOT_IN_FORCE; the other order closed: 422 MERGE_TARGET_CLOSED.',
    params: IdParams,
    responses: { 200: { description: 'the appeal, undone', schema: AppealSchema }, ...problems(400, 401, 403, 404, 409, 422) },
    handler: async ({ auth, params }) => presentAppeal(await s.merge.undo(actorOf(auth), params.id)),
  });
}
