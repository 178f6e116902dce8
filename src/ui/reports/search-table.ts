import type { Policy } from '../../engine/policy/policy.schema';
import type { OrderSummaryView } from '../../engine/queries/order-view.service';
import { localDateTimeText } from '../../shared/local-time';
import { ownValue } from '../../shared/own-key';
import { translate } from '../render';
import type { ReportDocument } from './report-tables';

const s = (key: string, params?: Record<string, unknown>) => translate(`search.${key}`, params);

/** A search's result as a one-sheet document (the page's columns, times in the city's time, requester masked). */
export function searchDocument(policy: Policy, result: { items: OrderSummaryView[]; total: number }, now: Date): ReportDocument {
  const time = (d: Date | null) => (d ? localDateTimeText(d, policy.timezone) : '');
  return {
    title: s('exportTitle', { city: policy.name }),
    fileName: `${policy.city}-orders-${localDateTimeText(now, policy.timezone).slice(0, 10)}`,
    tables: [
      {
        key: 'orders',
        title: s('results'),
        note: s('exportNote', { total: result.total, n: result.items.length, at: time(now) }),
        columns: [
          { key: 'number', label: s('number'), format: 'text' },
          { key: 'receivedAt', label: s('receivedAt'), format: 'text' },
          { key: 'category', label: s('category'), format: 'text' },
          { key: 'channel', label: s('channel'), format: 'text' },
          { key: 'title', label: s('subject'), format: 'text' },
          { key: 'status', label: s('status'), format: 'text' },
          { key: 'leadUnit', label: s('leadUnit'), format: 'text' },
          { key: 'coUnits', label: translate('order.coUnits'), format: 'text' },
          { key: 'due', label: s('due'), format: 'text' },
          { key: 'overdue', label: translate('search.overdueColumn'), format: 'text' },
          { key: 'requester', label: translate('order.requester'), format: 'text' },
        ],
        rows: result.items.map((o) => [
          o.number,
          time(o.createdAt),
          ownValue(policy.categories, o.category)?.name ?? o.category,
          ownValue(policy.channels, o.channel)?.name ?? o.channel,
          o.title,
          translate(`status.${o.status}`),
          o.leadUnit ?? '',
          o.coUnits.join('、'),
          time(o.dueAt),
          o.overdue ? translate('search.yes') : '',
          `${o.requester.name} ${o.requester.phone}`,
        ]),
      },
    ],
  };
}
