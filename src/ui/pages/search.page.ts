import type { RequestAuth } from '../../api/middleware/authenticate';
import { presentOrderPage } from '../../api/schemas/order.schema';
import { OrderSearchQuery } from '../../api/schemas/order-search.schema';
import { CENTRE_ROLES, UNIT_ROLES } from '../../engine/access/order-access';
import type { CityCatalog } from '../../engine/city/city-catalog';
import type { Policy } from '../../engine/policy/policy.schema';
import { EXPORT_MAX_ROWS } from '../../engine/queries/order-view.service';
import type { OrderServices } from '../../engine/queries/order-services';
import { ORDER_SORTS } from '../../engine/queries/work-order-queries';
import { DomainError } from '../../shared/errors';
import { ownValue } from '../../shared/own-key';
import { zhCN } from '../i18n/zh-CN';
import { countdown, formatTime } from '../format';
import { renderPage, translate } from '../render';
import { unitTreeOptions } from '../unit-options';
import { names, policyOf } from './page-deps';

export const SEARCH_PAGE_SIZE = 50;

/** The filters a search page may carry in its address, as typed (empty ones left out). */
const FILTER_KEYS = ['q', 'status', 'category', 'channel', 'unit', 'receivedFrom', 'receivedTo', 'overdue', 'sort', 'page'] as const;

/** The query string's filters, empty fields dropped, each a single string. */
export function searchFilters(query: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const v = ownValue(query, key);
    const value = Array.isArray(v) ? v[0] : v;
    if (typeof value === 'string' && value.trim() !== '') out[key] = value.trim();
  }
  return out;
}

function href(path: string, filters: Record<string, string>, changes: Record<string, string | null> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...changes })) if (v !== null && v !== '') params.set(k, v);
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}

function choices(entries: Array<[string, string]>, current: string | undefined) {
  return entries.map(([value, label]) => ({ value, label, selected: value === current }));
}

/** The form of the page, with what was asked filled in and the city's codes as choices. */
function form(policy: Policy, filters: Record<string, string>, readsRequesters: boolean) {
  const statuses = Object.entries(zhCN.status) as Array<[string, string]>;
  return {
    q: filters.q ?? '',
    qHelp: translate(readsRequesters ? 'search.qHelpRequester' : 'search.qHelp'),
    statuses: choices(statuses, filters.status),
    categories: choices(Object.entries(policy.categories).map(([code, c]) => [code, c.name]), filters.category),
    channels: choices(Object.entries(policy.channels).map(([code, c]) => [code, c.name]), filters.channel),
    units: unitTreeOptions(policy).map((u) => ({ ...u, selected: u.value === filters.unit })),
    receivedFrom: filters.receivedFrom ?? '',
    receivedTo: filters.receivedTo ?? '',
    overdue: filters.overdue === 'true',
    sorts: ORDER_SORTS.map((s) => ({ value: s, label: translate(`search.sorts.${s}`), selected: s === (filters.sort ?? 'newest') })),
  };
}

/**
 * 工单查询: a search over the orders the user may see (the centre, supervisors and auditors the
 * whole city, a unit its own and its sub-units' orders), by words of the content, number, topic
 * and address — and the requester's phone or name for those who may see requesters — status,
 * category, channel, unit, days of receipt and lateness; sorted, 50 a page, each with 查看 and
 * 打印; the centre exports the whole result as .xlsx. A bad filter is said at its field.
 */
export async function searchPage(s: OrderServices, catalog: CityCatalog, auth: RequestAuth, query: Record<string, unknown>): Promise<string> {
  const policy = policyOf(catalog, auth.user.city);
  const n = names(policy);
  const tz = policy.timezone;
  const filters = searchFilters(query);
  const readsRequesters = CENTRE_ROLES.has(auth.actor.role) || UNIT_ROLES.has(auth.actor.role);
  const errors: Record<string, string> = {};
  let result: { items: ReturnType<typeof presentOrderPage>['items']; total: number; page: number } | null = null;
  const parsed = OrderSearchQuery.safeParse({ ...filters, pageSize: String(SEARCH_PAGE_SIZE) });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'q');
      errors[key] = ownValue(zhCN.search.errors as Record<string, string>, key) ?? translate('search.invalid');
    }
  } else {
    try {
      const page = presentOrderPage(await s.search(auth.actor, parsed.data));
      result = { items: page.items, total: page.total, page: page.page };
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'SEARCH_TERM_REFUSED') throw err;
      errors.q = translate('search.errors.SEARCH_TERM_REFUSED');
    }
  }
  const pages = result ? Math.max(1, Math.ceil(result.total / SEARCH_PAGE_SIZE)) : 1;
  const at = result?.page ?? 1;
  const items = (result?.items ?? []).map((o) => ({
    id: o.id,
    number: o.number,
    receivedAt: formatTime(o.createdAt, tz),
    category: n.category(o.category),
    channel: n.channel(o.channel),
    title: o.title,
    status: translate(`status.${o.status}`),
    leadUnit: o.leadUnit ?? '—',
    due: formatTime(o.dueAt, tz),
    countdown: o.closedAt ? countdown(null) : countdown(o.remainingSeconds, o.flags),
  }));
  return renderPage(
    'search',
    { title: translate('search.title'), user: auth.user, cityName: policy.name, csrfToken: auth.csrfToken, current: '/search' },
    {
      form: form(policy, filters, readsRequesters),
      errors: { q: errors.q ?? '', receivedFrom: errors.receivedFrom ?? '', receivedTo: errors.receivedTo ?? '' },
      hasErrors: Object.keys(errors).length > 0,
      searched: result !== null,
      items,
      total: translate('search.total', { n: result?.total ?? 0 }),
      pager: {
        show: pages > 1,
        text: translate('inbox.pageOf', { page: at, pages }),
        prev: at > 1 ? href('/search', filters, { page: String(Math.min(at - 1, pages)) }) : '',
        next: at < pages ? href('/search', filters, { page: String(at + 1) }) : '',
      },
      canExport: CENTRE_ROLES.has(auth.actor.role) && result !== null && result.total > 0,
      exportHref: href('/api/orders.xlsx', filters, { page: null }),
      exportHelp: translate('search.exportHelp', { max: EXPORT_MAX_ROWS }),
    },
  );
}
