import type { OrderServices } from '../../engine/queries/order-services';
import type { ApiRouter } from '../openapi/api-router';
import { problems } from '../schemas/common.schema';
import {
  InboxCountsQuery,
  InboxCountsSchema,
  InboxPageSchema,
  InboxQuery,
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
    summary: `Your inbox, one tab, sorted by due time (no due time last); requester masked. ${TABS}`,
    query: InboxQuery,
    responses: { 200: { description: 'one page of tasks', schema: InboxPageSchema }, ...problems(400, 401) },
    handler: async ({ auth, query }) =>
      presentInbox(
        await s.inbox(actorOf(auth), query.tab, query.scope, { page: query.page, pageSize: query.pageSize }),
      ),
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
