import type { OrderServices } from '../../engine/queries/order-services';
import type { ApiRouter } from '../openapi/api-router';
import { problems } from '../schemas/common.schema';
import {
  BatchSignBody,
  BatchSignResultSchema,
  InboxCountsQuery,
  InboxCountsSchema,
  InboxPageSchema,
  InboxQuery,
  presentBatchSign,
  presentCounts,
  presentInbox,
} from '../schemas/task-inbox.schema';
import { actorOf } from './tasks.routes';

const TABS =
  'Tabs over the tasks of your unit (the centre for centre roles): ' +
  'to-sign = open, unclaimed and a sign task (its policy orderStatus is dispatched); ' +
  'in-progress = every other open task (claimed, or past signing); ' +
  'due-soon = open, not overdue, marked due-soon or due within 24 h; ' +
  'overdue = open and past due or marked overdue; ' +
  'done = completed in the last 30 days. ' +
  'Open tabs list only tasks one of whose roles is yours. scope=mine: only tasks you hold (open tabs) or completed (done).';

/** The inbox: one tab at a time, sorted by due time (none last), and the count of every tab. */
export function inboxRoutes(api: ApiRouter, s: OrderServices): void {
  api.add({
    method: 'get',
    path: '/api/inbox',
    tag: 'inbox',
    summary: `Your inbox, one tab, sorted by due time (no due time last) or by arrival, narrowed by category, lead unit or due (today / overdue); requester masked. ${TABS}`,
    query: InboxQuery,
    responses: { 200: { description: 'one page of tasks', schema: InboxPageSchema }, ...problems(400, 401) },
    handler: async ({ auth, query }) =>
      presentInbox(
        await s.inbox(
          actorOf(auth),
          query.tab,
          query.scope,
          { page: query.page, pageSize: query.pageSize },
          { category: query.category, leadUnit: query.unit, due: query.due, sort: query.sort },
        ),
      ),
  });

  api.add({
    method: 'post',
    path: '/api/inbox/batch-sign',
    tag: 'inbox',
    summary:
      '批量签收: sign several tasks at once. Each task goes through the same completion as POST /api/tasks/{id}/complete, one by one, ' +
      "with the one outcome of a sign task that asks for nothing (its policy orderStatus is dispatched, no fields, one outcome without fields or roles of its own). " +
      'Always 200 with what became of each task: signed, or refused with the code the task alone would have answered ' +
      '(SIGN_NEEDS_FORM: the task asks for a form or a choice, open it; TASK_NOT_FOUND, ORDER_NOT_VISIBLE, NOT_YOUR_UNIT, ROLE_NOT_ALLOWED, TASK_CLAIMED_BY_OTHER, TASK_NOT_OPEN, a guard). ' +
      'A refused task is left as it was.',
    body: BatchSignBody,
    responses: { 200: { description: 'what became of each task', schema: BatchSignResultSchema }, ...problems(400, 401) },
    handler: async ({ auth, body }) => presentBatchSign(await s.batchSign(actorOf(auth), body.taskIds)),
  });

  api.add({
    method: 'get',
    path: '/api/inbox/counts',
    tag: 'inbox',
    summary: `How many tasks each tab of your inbox holds. ${TABS}`,
    query: InboxCountsQuery,
    responses: { 200: { description: 'the count of each tab', schema: InboxCountsSchema }, ...problems(400, 401) },
    handler: async ({ auth, query }) => presentCounts(await s.inboxCounts(actorOf(auth), query.scope)),
  });
}
