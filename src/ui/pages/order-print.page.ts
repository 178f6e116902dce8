import type { RequestAuth } from '../../api/middleware/authenticate';
import { presentOrderDetail, presentTimeline } from '../../api/schemas/order.schema';
import type { CityCatalog } from '../../engine/city/city-catalog';
import type { OrderServices } from '../../engine/queries/order-services';
import { ownValue } from '../../shared/own-key';
import { formatTime } from '../format';
import { renderBare, translate } from '../render';
import { names, policyOf } from './page-deps';
import { lookupOf, taskState } from './order.page';
import type { PeopleDirectory } from '../timeline/history-lookup';
import { historySentences, who, workEvents } from '../timeline/timeline-sentence';
import type { AttachmentService } from '../../engine/attachments/attachment.service';
import { orderMergeSection } from './order-merge';

/**
 * 打印工单: one order on a clean A4 page (no navigation, no buttons when printed): the order's
 * facts, the requester masked and every call merged into it, the content as the reader may see
 * it, its attachments by name, its steps with their units, people, times and results, and its
 * history in sentences.
 */
export async function orderPrintPage(
  s: OrderServices,
  catalog: CityCatalog,
  people: PeopleDirectory,
  files: AttachmentService,
  auth: RequestAuth,
  id: string,
  now: Date,
): Promise<string> {
  const policy = policyOf(catalog, auth.user.city);
  const n = names(policy);
  const tz = policy.timezone;
  const [view, events, attached] = await Promise.all([s.order(auth.actor, id), s.timeline(auth.actor, id).then(presentTimeline), files.list(auth.actor, id)]);
  const detail = presentOrderDetail(view);
  const [look, merge] = await Promise.all([lookupOf(catalog, people, view.order, view.tasks, attached), orderMergeSection(s, policy, auth, view.order, true)]);
  const o = detail.order;
  const none = translate('order.none');
  const facts = [
    ['order.number', o.number],
    ['order.status', translate(`status.${o.status}`)],
    ['order.createdAt', formatTime(o.createdAt, tz)],
    ['order.dueAt', formatTime(detail.deadlines.dueAt, tz)],
    ['order.category', n.category(o.category)],
    ['order.channel', n.channel(o.channel)],
    ['order.topic', o.topic || none],
    ['order.district', o.location.district || none],
    ['order.address', o.location.address || none],
    ['order.requester', `${o.requester.name} ${o.requester.phone}`],
    ['order.leadUnit', o.leadUnit || none],
    ['order.coUnits', o.coUnits.join('、') || none],
  ].map(([key, value]) => ({ label: translate(key!), value }));
  const tasks = detail.tasks.map((t) => ({
    name: t.name,
    unit: t.unit,
    status: taskState(t).status,
    due: formatTime(t.dueAt, tz),
    completedAt: formatTime(t.completedAt, tz),
    by: t.completedBy ? who(t.completedBy, look) : '',
    outcome: t.outcome ? (ownValue(ownValue(policy.tasks, t.formKey)?.outcomes, t.outcome)?.label ?? '') : '',
  }));
  return renderBare('order-print', {
    title: translate('print.heading', { city: policy.name }),
    number: o.number,
    facts,
    content: o.content,
    // every requester the order answers (并单: the calls merged in, masked as the first is)
    appeals: merge?.appeals ?? [],
    attachments: attached.map((a) => a.name),
    tasks,
    history: historySentences(workEvents(events.items), look),
    printedAt: translate('print.printedAt', { at: formatTime(now.toISOString(), tz), name: auth.user.displayName }),
  });
}
