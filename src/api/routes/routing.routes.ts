import type { OrderServices } from '../../engine/queries/order-services';
import type { ApiRouter } from '../openapi/api-router';
import { CityParams, problems } from '../schemas/common.schema';
import { RoutingQuerySchema, RoutingSuggestionSchema } from '../schemas/routing.schema';
import { actorOf } from './tasks.routes';

/** The intake's routing before the order exists, for the operator console's 承办单位 suggestion. */
export function routingRoutes(api: ApiRouter, s: OrderServices): void {
  api.add({
    method: 'get',
    path: '/api/routing/:city',
    tag: 'orders',
    summary:
      'Where an order with these codes would be dispatched now if the operator chose no unit: the precedent of its topic (DZ-4) if there is one, else the first matching rule of the routing table (those who may record orders).',
    params: CityParams,
    query: RoutingQuerySchema,
    responses: { 200: { description: 'the suggested units', schema: RoutingSuggestionSchema }, ...problems(400, 401, 403, 404) },
    handler: async ({ auth, params, query }) => s.suggestRouting(actorOf(auth), { city: params.city, ...query }),
  });
}
