import type { RequestAuth } from '../../api/middleware/authenticate';
import { presentCounts, presentInbox } from '../../api/schemas/task-inbox.schema';
import type { CityCatalog } from '../../engine/city/city-catalog';
import type { OrderServices } from '../../engine/queries/order-services';
import { batchSignKeys } from '../../engine/queries/batch-sign.service';
import { INBOX_DUE, INBOX_SORTS, INBOX_TABS, InboxListOptions, InboxScope, InboxTab } from '../../engine/queries/work-order-queries';
import type { Policy } from '../../engine/policy/policy.schema';
import { unitTreeOptions } from '../unit-options';
import { countdown, formatTime } from '../format';
import { renderPage, translate } from '../render';
import { names, policyOf } from './page-deps';
import { doneNotice } from './task-sections';

const COUNT_KEY = { 'to-sign': 'toSign', 'in-progress': 'inProgress', 'due-soon': 'dueSoon', overdue: 'overdue', done: 'done' } as const;

/** Rows of one inbox page. */
export const INBOX_PAGE_SIZE = 50;

/** What the inbox page shows: a tab, a page of it, the unit's tasks or only the user's own, narrowed and sorted. */
export interface InboxPageQuery {
  tab: InboxTab;
  page: number;
  scope: InboxScope;
  filters: InboxListOptions;
}

const FILTER_KEYS = ['category', 'unit', 'due', 'sort'] as const;

function oneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return (values as readonly unknown[]).includes(value) ? (value as T) : undefined;
}

/** A filter's text from the query: a short single value, else none. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value.length <= 200 ? value : undefined;
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
    filters: {
      category: text(query.category),
      leadUnit: text(query.unit),
      due: oneOf(INBOX_DUE, query.due),
      sort: oneOf(INBOX_SORTS, query.sort),
    },
  };
}

function filterParams(f: InboxListOptions): string {
  const values: Record<(typeof FILTER_KEYS)[number], string | undefined> = { category: f.category, unit: f.leadUnit, due: f.due, sort: f.sort === 'due' ? undefined : f.sort };
  return FILTER_KEYS.map((k) => (values[k] ? `&${k}=${encodeURIComponent(values[k])}` : '')).join('');
}

function inboxHref(q: InboxPageQuery): string {
  return `/inbox?tab=${q.tab}${q.scope === 'mine' ? '&scope=mine' : ''}${filterParams(q.filters)}${q.page > 1 ? `&page=${q.page}` : ''}`;
}

/** The filter form's choices, each marked when chosen. */
function filterForm(policy: Policy, q: InboxPageQuery) {
  const f = q.filters;
  const choice = (value: string, label: string, chosen: string | undefined) => ({ value, label, selected: value === chosen });
  return {
    tab: q.tab,
    mine: q.scope === 'mine',
    categories: Object.entries(policy.categories).map(([key, c]) => choice(key, c.name, f.category)),
    units: unitTreeOptions(policy).map((u) => choice(u.value, u.label, f.leadUnit)),
    dues: INBOX_DUE.map((d) => choice(d, translate(`inbox.dues.${d}`), f.due)),
    sorts: INBOX_SORTS.map((d) => choice(d, translate(`inbox.sorts.${d}`), f.sort ?? 'due')),
    active: Boolean(f.category || f.leadUnit || f.due),
    clear: inboxHref({ ...q, page: 1, filters: { sort: f.sort } }),
  };
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
export async function inboxPage(s: OrderServices, catalog: CityCatalog, auth: RequestAuth, q: InboxPageQuery, now: Date, done?: unknown): Promise<string> {
  const policy = policyOf(catalog, auth.user.city);
  const n = names(policy);
  const batchKeys = batchSignKeys(policy);
  const [page, counts] = await Promise.all([
    s.inbox(auth.actor, q.tab, q.scope, { page: q.page, pageSize: INBOX_PAGE_SIZE }, q.filters).then(presentInbox),
    s.inboxCounts(auth.actor, q.scope).then(presentCounts),
  ]);
  const tabs = INBOX_TABS.map((key) => ({
    key,
    href: inboxHref({ ...q, tab: key, page: 1 }),
    label: translate(`inbox.tabs.${key}`),
    help: key === 'done' ? translate('inbox.tabHelp.done') : '',
    count: counts[COUNT_KEY[key]],
    current: key === q.tab,
  }));
  const scopes = (['unit', 'mine'] as const).map((scope) => ({
    key: scope,
    href: inboxHref({ ...q, page: 1, scope }),
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
    batch: i.status === 'open' && i.assignee === null && batchKeys.includes(i.formKey),
  }));
  const batch = items.some((i) => i.batch);
  return renderPage(
    'inbox',
    { title: translate('inbox.title'), user: auth.user, cityName: policy.name, csrfToken: auth.csrfToken, current: '/inbox', script: 'inbox.js' },
    {
      tabs,
      scopes,
      items,
      batch,
      total: page.total,
      pager: pager(q, page.total),
      currentLabel: translate(`inbox.tabs.${q.tab}`),
      filters: filterForm(policy, q),
      live: { scope: q.scope, since: now.toISOString() },
      // after a step on a task page (?done=<task id>): what was submitted and where the order went
      notice: await doneNotice(s, policy, auth.actor, done),
    },
  );
}
