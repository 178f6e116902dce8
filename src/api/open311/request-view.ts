import type { PublicOrder } from '../../engine/open311/open311-queries';
import type { Policy } from '../../engine/policy/policy.schema';
import type { OrderStatus } from '../../engine/ports';
import { serviceName, serviceOfOrder } from './service-codes';
import { localDateTimeText } from '../../shared/local-time';
import { redactText } from '../../shared/redact-text';

/** GeoReport v2 `request` of GET requests: no requester name or phone, ever; phones, ID-card numbers and e-mail addresses masked in the text. */
export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  lat: number | null;
  long: number | null;
}

/** minhu's statuses as GeoReport's two, with minhu's own status in Chinese as status_notes. */
export const STATUS: Record<OrderStatus, { status: 'open' | 'closed'; notes: string }> = {
  received: { status: 'open', notes: '已受理，待派单' },
  dispatched: { status: 'open', notes: '已派单，待承办单位签收' },
  'in-progress': { status: 'open', notes: '承办单位办理中' },
  review: { status: 'open', notes: '热线中心审核中' },
  visit: { status: 'open', notes: '办结回访中' },
  answered: { status: 'closed', notes: '已即时答复' },
  'not-accepted': { status: 'closed', notes: '不予受理' },
  transferred: { status: 'closed', notes: '已转交紧急热线处置' },
  closed: { status: 'closed', notes: '已办结' },
  cancelled: { status: 'closed', notes: '已撤销' },
};

export function statusesOf(open311: 'open' | 'closed'): OrderStatus[] {
  return (Object.keys(STATUS) as OrderStatus[]).filter((s) => STATUS[s].status === open311);
}

/** W3C date-time (ISO 8601 with a zone), to the second. */
export function w3(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2026年3月23日 23:59` in the city's time zone, for text meant to be read. */
export function localText(at: Date, timeZone: string): string {
  return localDateTimeText(at, timeZone);
}

/** Who handles the order and by when, in Chinese; null when there is nothing to say. */
export function serviceNotice(
  policy: Policy,
  order: Pick<PublicOrder, 'status' | 'leadUnit' | 'dueAt'>,
): string | null {
  if (STATUS[order.status].status === 'closed') return null;
  const parts = [
    order.leadUnit ? `承办单位：${order.leadUnit}` : null,
    order.dueAt ? `预计办结时间：${localText(order.dueAt, policy.timezone)}前` : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join('；') : null;
}

export function toOpen311Request(policy: Policy, order: PublicOrder): Open311Request {
  const kind = serviceOfOrder(policy, order);
  const { status, notes } = STATUS[order.status];
  return {
    service_request_id: order.number,
    status,
    status_notes: notes,
    service_name: serviceName(policy, kind),
    service_code: kind.code,
    description: redactText(order.content),
    agency_responsible: order.leadUnit,
    service_notice: serviceNotice(policy, order),
    requested_datetime: w3(order.createdAt),
    updated_datetime: w3(status === 'closed' && order.closedAt ? order.closedAt : order.updatedAt),
    expected_datetime: order.dueAt ? w3(order.dueAt) : null,
    address: redactOrNull(order.location.address ?? order.location.district ?? null),
    lat: order.geo?.lat ?? null,
    long: order.geo?.long ?? null,
  };
}

function redactOrNull(text: string | null): string | null {
  return text === null ? null : redactText(text);
}
