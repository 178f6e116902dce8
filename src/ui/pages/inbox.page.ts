import type { RequestAuth } from '../../api/middleware/authenticate';
import { presentCounts, presentInbox } from '../../api/schemas/task-inbox.schema';
import type { CityCatalog } from '../../engine/city/city-catalog';
import type { OrderServices } from '../../engine/queries/order-services';
import { INBOX_TABS, InboxScope, InboxTab } from '../../engine/queries/work-order-queries';
import { countdown, formatTime } from '../format';
import { renderPage, translate } from '../render';
import { names, policyOf } from './page-deps';
import { doneNotice } from './task-sections';

const COUNT_KEY = { 'to-sign': 'toSign', 'in-progress': 'inProgress', 'due-soon': 'dueSoon', overdue: 'overdue', done: 'done' } as const;

/** Rows of one inbox page. */
export const INBOX_PAGE_SIZE = 50;

/** What the inbox page shows: a tab, a page of it, the unit's tasks or only the user's own. */
export interface InboxPageQuery {
  tab: InboxTab;
  page: number;
  scope: InboxScope;
}

export function inboxTab(value: unknown): InboxTab {
  return (INBOX_TABS as readonly unknown[]).includes(value) ? (value as InboxTab) : 'to-sign';
}

/** `?tab=…&page=…&scope=mine` of the inbox page; anything unknown is the default (待签收, page 1, the unit). */
export function inboxQuery(query: Record<string, unknown>): InboxPageQuery {
  const page = Number(query.page);
  return {
    tab: inboxTab(query.tab),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    scope: query.scope === 'mine' ? 'mine' : 'unit',
  };
}

function inboxHref(q: InboxPageQuery): string {
  return `/inbox?tab=${q.tab}${q.scope === 'mine' ? '&scope=mine' : ''}${q.page > 1 ? `&page=${q.page}` : ''}`;
}

/** Links to the previous and next page, and where we are (第 2 / 3 页). */
function pager(q: InboxPageQuery, total: number) {
  const pages = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
  return {
    show: pages > 1,
    text: translate('inbox.pageOf', { page: q.page, pages }),
    prev: q.page > 1 ? inboxHref({ ...q, page: Math.min(q.page - 1, pages) }) : '',
    next: q.page < pages ? inboxHref({ ...q, page: q.page + 1 }) : '',
  };
}

/** The unit inbox: the tabs with their counts, and a page of the current tab's tasks sorted by due time. */
export async function inboxPage(s: OrderServices, catalog: CityCatalog, auth: RequestAuth, q: InboxPageQuery, done?: unknown): Promise<string> {
  const policy = policyOf(catalog, auth.user.city);
  const n = names(policy);
  const [page, counts] = await Promise.all([
    s.inbox(auth.actor, q.tab, q.scope, { page: q.page, pageSize: INBOX_PAGE_SIZE }).then(presentInbox),
    s.inboxCounts(auth.actor, q.scope).then(presentCounts),
  ]);
  const tabs = INBOX_TABS.map((key) => ({
    key,
    href: inboxHref({ tab: key, page: 1, scope: q.scope }),
    label: translate(`inbox.tabs.${key}`),
    help: key === 'done' ? translate('inbox.tabHelp.done') : '',
    count: counts[COUNT_KEY[key]],
    current: key === q.tab,
  }));
  const scopes = (['unit', 'mine'] as const).map((scope) => ({
    key: scope,
    href: inboxHref({ tab: q.tab, page: 1, scope }),
    label: translate(`inbox.scopes.${scope}`),
    current: scope === q.scope,
  }));
  const items = page.items.map((i) => ({
    id: i.id,
    orderId: i.order.id,
    orderNumber: i.order.number,
    category: n.category(i.order.category),
    title: i.order.title,
    name: i.name,
    unit: i.unit,
    due: i.dueAt ? formatTime(i.dueAt, policy.timezone) : translate('inbox.noDue'),
    countdown: countdown(i.remainingSeconds, i.flags),
    open: i.status === 'open',
    assignee: i.assignee,
  }));
  return renderPage(
    'inbox',
    { title: translate('inbox.title'), user: auth.user, cityName: policy.name, csrfToken: auth.csrfToken, current: '/inbox', script: 'inbox.js' },
    {
      tabs,
      scopes,
      items,
      total: page.total,
      pager: pager(q, page.total),
      currentLabel: translate(`inbox.tabs.${q.tab}`),
      // after a step on a task page (?done=<task id>): what was submitted and where the order went
      notice: await doneNotice(s, policy, auth.actor, done),
    },
  );
}
