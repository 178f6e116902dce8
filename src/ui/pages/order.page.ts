import type { RequestAuth } from '../../api/middleware/authenticate';
import { presentOrderDetail, presentTimeline } from '../../api/schemas/order.schema';
import type { CityCatalog } from '../../engine/city/city-catalog';
import type { OrderServices } from '../../engine/queries/order-services';
import { eventName } from '../event-names';
import { countdown, formatTime } from '../format';
import { renderPage, translate } from '../render';
import { orderFindingForm } from './order-finding';
import { names, policyOf } from './page-deps';
import { ownValue } from '../../shared/own-key';

function orStrings(v: string | null | undefined): string {
  return v === null || v === undefined || v === '' ? translate('order.none') : v;
}

/** An event's data as one line of text: `key: value; …` (escaped by the template like all text). */
function details(data: Record<string, unknown>): string {
  return Object.entries(data)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('；');
}

/** One order: content, codes, units, deadlines, the requester masked, its tasks and its timeline. */
export async function orderPage(s: OrderServices, catalog: CityCatalog, auth: RequestAuth, id: string): Promise<string> {
  const policy = policyOf(catalog, auth.user.city);
  const n = names(policy);
  const tz = policy.timezone;
  const [detail, events] = await Promise.all([s.order(auth.actor, id).then(presentOrderDetail), s.timeline(auth.actor, id).then(presentTimeline)]);
  const o = detail.order;
  const order = {
    id: o.id,
    number: o.number,
    status: translate(`status.${o.status}`),
    content: o.content,
    category: n.category(o.category),
    channel: n.channel(o.channel),
    topic: orStrings(o.topic),
    district: orStrings(o.location.district),
    address: orStrings(o.location.address),
    requester: `${o.requester.name} ${o.requester.phone}`,
    leadUnit: orStrings(o.leadUnit),
    coUnits: orStrings(o.coUnits.join('、')),
    createdAt: formatTime(o.createdAt, tz),
    due: formatTime(detail.deadlines.dueAt, tz),
    provisional: detail.deadlines.provisional,
    countdown: o.closedAt ? countdown(null) : countdown(detail.deadlines.remainingSeconds, detail.deadlines.flags),
  };
  const tasks = detail.tasks.map((t) => ({
    id: t.id,
    name: t.name,
    unit: t.unit,
    open: t.status === 'open',
    statusKey: t.status,
    status: translate(`taskStatus.${t.status}`),
    due: formatTime(t.dueAt, tz),
    countdown: countdown(t.remainingSeconds, t.flags),
    outcome: t.outcome ? (ownValue(ownValue(policy.tasks, t.formKey)?.outcomes, t.outcome)?.label ?? t.outcome) : '',
    done: t.completedBy ? `${t.completedBy} ${formatTime(t.completedAt, tz)}` : (t.assignee ?? ''),
  }));
  const finding = orderFindingForm(policy, auth, { id: o.id, leadUnit: o.leadUnit });
  const timeline = events.items.map((e) => ({ at: formatTime(e.at, tz), type: e.type, name: eventName(e.type), actor: e.actor, details: details(e.data) }));
  return renderPage(
    'order',
    { title: `${translate('order.title')} ${o.number}`, user: auth.user, cityName: policy.name, csrfToken: auth.csrfToken, current: '', script: 'order.js', scripts: finding ? ['/ui/assets/order-finding.js'] : [] },
    { order, requesterVisible: detail.requesterVisible, tasks, timeline, finding },
  );
}
