import type { RequestAuth } from '../../api/middleware/authenticate';
import { presentCounts, presentInbox } from '../../api/schemas/task-inbox.schema';
import type { CityCatalog } from '../../engine/city/city-catalog';
import type { OrderServices } from '../../engine/queries/order-services';
import { INBOX_TABS, InboxTab } from '../../engine/queries/work-order-queries';
import { countdown, formatTime } from '../format';
import { renderPage, translate } from '../render';
import { names, policyOf } from './page-deps';

const COUNT_KEY = { 'to-sign': 'toSign', 'in-progress': 'inProgress', 'due-soon': 'dueSoon', overdue: 'overdue', done: 'done' } as const;

export function inboxTab(value: unknown): InboxTab {
  return (INBOX_TABS as readonly unknown[]).includes(value) ? (value as InboxTab) : 'to-sign';
}

/** The unit inbox: the tabs with their counts, and the current tab's tasks sorted by due time. */
export async function inboxPage(s: OrderServices, catalog: CityCatalog, auth: RequestAuth, tab: InboxTab): Promise<string> {
  const policy = policyOf(catalog, auth.user.city);
  const n = names(policy);
  const [page, counts] = await Promise.all([
    s.inbox(auth.actor, tab, 'unit', { page: 1, pageSize: 100 }).then(presentInbox),
    s.inboxCounts(auth.actor, 'unit').then(presentCounts),
  ]);
  const tabs = INBOX_TABS.map((key) => ({ key, label: translate(`inbox.tabs.${key}`), count: counts[COUNT_KEY[key]], current: key === tab }));
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
    { tabs, items, total: page.total, currentLabel: translate(`inbox.tabs.${tab}`) },
  );
}
