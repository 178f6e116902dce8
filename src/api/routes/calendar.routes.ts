import type { Runtime } from '../../app/create-runtime';
import { ANY_ROLE, assertCityRole } from '../../engine/access/city-access';
import { calendarMonth } from '../../engine/calendar/describe-day';
import type { ApiRouter } from '../openapi/api-router';
import { CalendarMonthSchema, CalendarParams } from '../schemas/calendar.schema';
import { problems } from '../schemas/common.schema';

/** The working-day calendar of a city for a month, as its deadlines count it. */
export function calendarRoutes(api: ApiRouter, runtime: Runtime): void {
  api.add({
    method: 'get',
    path: '/api/calendar/:city/:month',
    tag: 'calendar',
    summary: "Each day of a month (YYYY-MM): working or not and why — official holiday, adjusted working day, the city's own additions, weekend; provisional for a year the official calendar does not cover yet (any user of the city)",
    params: CalendarParams,
    responses: { 200: { description: 'the month', schema: CalendarMonthSchema }, ...problems(400, 401, 403) },
    handler: ({ params, auth }) => {
      assertCityRole(auth!.actor, params.city, ANY_ROLE, "read the city's calendar");
      return calendarMonth(params.city, runtime.catalog.policy(params.city), params.month);
    },
  });
}
