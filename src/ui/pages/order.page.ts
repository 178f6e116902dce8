import type { RequestAuth } from '../../api/middleware/authenticate';
import { presentOrderDetail, presentTimeline } from '../../api/schemas/order.schema';
import type { CityCatalog } from '../../engine/city/city-catalog';
import type { WorkOrder } from '../../engine/ports';
import type { OrderServices } from '../../engine/queries/order-services';
import { countdown, formatTime } from '../format';
import { renderPage, translate } from '../render';
import { orderFindingForm } from './order-finding';
import { orderMergeSection } from './order-merge';
import { names, policyOf } from './page-deps';
import { ownValue } from '../../shared/own-key';
import { HistoryLookup, historyLookup, PeopleDirectory, timerNames } from '../timeline/history-lookup';
import { historySentences, who, workEvents } from '../timeline/timeline-sentence';
import { timelineCsv } from '../timeline/raw-export';
import type { AttachmentService } from '../../engine/attachments/attachment.service';
import { orderAttachments } from './order-attachments';

/** Who may download an order's raw events (导出原始记录). */
const EXPORT_ROLES: ReadonlySet<string> = new Set(['auditor', 'admin']);

function orStrings(v: string | null | undefined): string {
  return v === null || v === undefined || v === '' ? translate('order.none') : v;
}

/** The words of an order's history: its own policy and diagram versions, its tasks, the city's people. */
export async function lookupOf(
  catalog: CityCatalog,
  people: PeopleDirectory,
  order: WorkOrder,
  tasks: Array<{ id: string; formKey: string }>,
  attachments: ReadonlyArray<{ id: string; name: string }> = [],
): Promise<HistoryLookup> {
  const policy = catalog.hasPolicyVersion(order.city, order.policyVersion) ? catalog.policy(order.city, order.policyVersion).policy : policyOf(catalog, order.city);
  const xml = catalog.hasModelVersion(order.processKey, order.processVersion) ? catalog.model(order.processKey, order.processVersion).xml : '';
  return historyLookup({ policy, timers: timerNames(xml), tasks, people: await people.listUsers(order.city), attachments });
}

/** A step's state as its badge says it: a step done after its deadline (or marked overdue) says 超期完成, not a plain 已完成. */
export function taskState(t: { status: string; dueAt: string | null; completedAt: string | null; flags: string[] }): { statusKey: string; status: string } {
  const late = t.status === 'completed' && (t.flags.includes('overdue') || (t.dueAt !== null && t.completedAt !== null && Date.parse(t.completedAt) > Date.parse(t.dueAt)));
  return late ? { statusKey: 'late', status: translate('taskStatus.late') } : { statusKey: t.status, status: translate(`taskStatus.${t.status}`) };
}

/** One order: content, codes, units, deadlines, the requester masked, its tasks and its history in sentences. */
export async function orderPage(s: OrderServices, catalog: CityCatalog, people: PeopleDirectory, auth: RequestAuth, id: string, files: AttachmentService): Promise<string> {
  const policy = policyOf(catalog, auth.user.city);
  const n = names(policy);
  const tz = policy.timezone;
  const [view, events, stored] = await Promise.all([s.order(auth.actor, id), s.timeline(auth.actor, id).then(presentTimeline), files.list(auth.actor, id)]);
  const detail = presentOrderDetail(view);
  const look = await lookupOf(catalog, people, view.order, view.tasks, stored);
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
    ...taskState(t),
    due: formatTime(t.dueAt, tz),
    countdown: countdown(t.remainingSeconds, t.flags),
    outcome: t.outcome ? (ownValue(ownValue(policy.tasks, t.formKey)?.outcomes, t.outcome)?.label ?? '') : '',
    done: t.completedBy ? `${who(t.completedBy, look)} ${formatTime(t.completedAt, tz)}` : t.assignee ? who(t.assignee, look) : '',
  }));
  const finding = orderFindingForm(policy, auth, { id: o.id, leadUnit: o.leadUnit });
  const merge = await orderMergeSection(s, policy, auth, view.order);
  const timeline = historySentences(workEvents(events.items), look);
  const attachments = orderAttachments(auth, o.id, stored, tz, (person) => who(person, look));
  const exportHref = EXPORT_ROLES.has(auth.user.role) ? `/orders/${encodeURIComponent(o.id)}/history.csv` : '';
  const scripts = [...(finding ? ['/ui/assets/order-finding.js'] : []), ...(attachments.canUpload ? ['/ui/assets/attachments.js'] : []), ...(merge ? ['/ui/assets/order-merge.js'] : [])];
  return renderPage(
    'order',
    { title: `${translate('order.title')} ${o.number}`, user: auth.user, cityName: policy.name, csrfToken: auth.csrfToken, current: '', script: 'order.js', scripts },
    { order, requesterVisible: detail.requesterVisible, tasks, timeline, finding, merge, exportHref, attachments },
  );
}

/** The auditors' CSV of an order's raw events (auditor and admin; anyone else: forbidden). */
export async function orderHistoryCsv(s: OrderServices, catalog: CityCatalog, people: PeopleDirectory, files: AttachmentService, auth: RequestAuth, id: string): Promise<{ filename: string; csv: string } | null> {
  if (!EXPORT_ROLES.has(auth.user.role)) return null;
  const [view, stored, attached] = await Promise.all([s.order(auth.actor, id), s.timeline(auth.actor, id), files.list(auth.actor, id)]);
  const events = presentTimeline(stored).items;
  const look = await lookupOf(catalog, people, view.order, view.tasks, attached);
  return { filename: `${view.order.number}-办理记录.csv`, csv: timelineCsv(events, historySentences(events, look)) };
}
