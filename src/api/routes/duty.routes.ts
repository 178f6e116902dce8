import type { Runtime } from '../../app/create-runtime';
import type { ApiRouter } from '../openapi/api-router';
import { CityParams, problems } from '../schemas/common.schema';
import {
  AddRotaEntryBody,
  AnnounceLeaderDayBody,
  CancelLeaderDayBody,
  DutyDateParams,
  DutyIdParams,
  DutyLogDaySchema,
  DutyLogEntrySchema,
  DutyMonthParams,
  DutyTodaySchema,
  LeaderDayMonthSchema,
  LeaderDaySchema,
  RemoveRotaEntryBody,
  RotaEntrySchema,
  RotaMonthSchema,
  WriteDutyLogBody,
} from '../schemas/duty.schema';

/**
 * A city's duty rota (HK-9), duty log and handover (HK-10) and leaders' answering days (PDS-18,
 * HZ-10). A city whose policy has no `duty.rota` / `duty.leaderDays` answers 404.
 */
export function dutyRoutes(api: ApiRouter, runtime: Runtime): void {
  const { rota, log, leaderDays } = runtime.duty;
  const tag = 'duty';

  api.add({
    method: 'get',
    path: '/api/duty/:city/rota/:month',
    tag,
    summary: "A month's duty rota (any user of the city; a draft month shows its days to the centre and the read-only roles only)",
    params: DutyMonthParams,
    responses: { 200: { description: 'the month', schema: RotaMonthSchema }, ...problems(400, 401, 403, 404) },
    handler: ({ params, auth }) => rota.month(auth!.actor, params.city, params.month),
  });

  api.add({
    method: 'post',
    path: '/api/duty/:city/rota/entries',
    tag,
    summary: 'Puts a person of a unit on the rota of a duty day (dispatcher or administrator). One unit a day, one 主要负责人 a day; a day that has begun: 422 DUTY_DAY_STARTED; a published month needs a reason',
    params: CityParams,
    body: AddRotaEntryBody,
    status: 201,
    responses: { 201: { description: 'added', schema: RotaEntrySchema }, ...problems(400, 401, 403, 404, 409, 422) },
    handler: ({ params, body, auth }) => rota.addEntry(auth!.actor, params.city, body),
  });

  api.add({
    method: 'post',
    path: '/api/duty/:city/rota/entries/:id/remove',
    tag,
    summary: 'Takes an entry off the rota (dispatcher or administrator); a published month needs a reason; a day that has begun: 422 DUTY_DAY_STARTED',
    params: DutyIdParams,
    body: RemoveRotaEntryBody,
    responses: { 200: { description: 'the removed entry', schema: RotaEntrySchema }, ...problems(400, 401, 403, 404, 422) },
    handler: ({ params, body, auth }) => rota.removeEntry(auth!.actor, params.city, params.id, body.reason),
  });

  api.add({
    method: 'post',
    path: '/api/duty/:city/rota/:month/publish',
    tag,
    summary: "Publishes a month's rota (dispatcher or administrator): before its first duty day begins (422 DUTY_ROTA_PUBLISH_TOO_LATE), with a 主要负责人 on every day on the rota (422 DUTY_HEAD_MISSING); once (409)",
    params: DutyMonthParams,
    responses: { 200: { description: 'published', schema: RotaMonthSchema }, ...problems(400, 401, 403, 404, 409, 422) },
    handler: ({ params, auth }) => rota.publish(auth!.actor, params.city, params.month),
  });

  api.add({
    method: 'get',
    path: '/api/duty/:city/today',
    tag,
    summary: "Today's duty unit at this moment (any user of the city): before dayStarts (08:30) it is still yesterday's duty day",
    params: CityParams,
    responses: { 200: { description: 'the current duty day', schema: DutyTodaySchema }, ...problems(400, 401, 403, 404) },
    handler: ({ params, auth }) => rota.today(auth!.actor, params.city),
  });

  api.add({
    method: 'get',
    path: '/api/duty/:city/log/:date',
    tag,
    summary: "A duty day's log and handover note (the centre, the read-only roles, and that day's duty unit)",
    params: DutyDateParams,
    responses: { 200: { description: 'the log', schema: DutyLogDaySchema }, ...problems(400, 401, 403, 404) },
    handler: ({ params, auth }) => log.day(auth!.actor, params.city, params.date),
  });

  api.add({
    method: 'post',
    path: '/api/duty/:city/log',
    tag,
    summary: "Writes to the current duty day's log, or its handover note (one a day: 409 DUTY_HANDOVER_EXISTS): the centre, or a leader or handler of the day's duty unit in the published rota",
    params: CityParams,
    body: WriteDutyLogBody,
    status: 201,
    responses: { 201: { description: 'written', schema: DutyLogEntrySchema }, ...problems(400, 401, 403, 404, 409) },
    handler: ({ params, body, auth }) => log.write(auth!.actor, params.city, body),
  });

  api.add({
    method: 'get',
    path: '/api/duty/:city/leader-days/:month',
    tag,
    summary: "Leaders' answering sessions starting in a month (any user of the city), with the policy's minimum length and notice",
    params: DutyMonthParams,
    responses: { 200: { description: 'the sessions', schema: LeaderDayMonthSchema }, ...problems(400, 401, 403, 404) },
    handler: ({ params, auth }) => leaderDays.month(auth!.actor, params.city, params.month),
  });

  api.add({
    method: 'post',
    path: '/api/duty/:city/leader-days',
    tag,
    summary: "Announces a leader's answering session (dispatcher or administrator). Shorter than the policy's minimum: 422 LEADER_DAY_TOO_SHORT; too little notice: 422 LEADER_DAY_NOTICE_TOO_SHORT; each names the rule",
    params: CityParams,
    body: AnnounceLeaderDayBody,
    status: 201,
    responses: { 201: { description: 'announced', schema: LeaderDaySchema }, ...problems(400, 401, 403, 404, 422) },
    handler: ({ params, body, auth }) =>
      leaderDays.announce(auth!.actor, params.city, { ...body, startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt) }),
  });

  api.add({
    method: 'post',
    path: '/api/duty/:city/leader-days/:id/cancel',
    tag,
    summary: 'Cancels a session with a reason (dispatcher or administrator); it stays listed as cancelled',
    params: DutyIdParams,
    body: CancelLeaderDayBody,
    responses: { 200: { description: 'cancelled', schema: LeaderDaySchema }, ...problems(400, 401, 403, 404, 409) },
    handler: ({ params, body, auth }) => leaderDays.cancel(auth!.actor, params.city, params.id, body.reason),
  });
}
