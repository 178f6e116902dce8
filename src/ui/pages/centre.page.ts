import type { RequestAuth } from '../../api/middleware/authenticate';
import type { CityCatalog } from '../../engine/city/city-catalog';
import type { InboxItemView } from '../../engine/queries/inbox.service';
import type { OrderServices } from '../../engine/queries/order-services';
import { ForbiddenError } from '../../shared/errors';
import { countdown, formatTime } from '../format';
import { renderPage, translate } from '../render';
import { CENTRE_QUEUES, centreQueueOf } from './centre-queues';
import { names, policyOf } from './page-deps';

export const CENTRE_ROLES = new Set(['dispatcher', 'operator', 'admin']);
const PAGE = { page: 1, pageSize: 200 };

/**
 * The centre's work queues: its open tasks (those the user's role may act on, as in the inbox)
 * in the sections 答复审核, 退单审核, 延期审核, 催办与督办, 回访 (see centreQueueOf), each sorted
 * by due time, with the order's lead unit.
 */
export async function centrePage(s: OrderServices, catalog: CityCatalog, auth: RequestAuth): Promise<string> {
  if (!CENTRE_ROLES.has(auth.user.role)) throw new ForbiddenError('ROLE_NOT_ALLOWED', `${auth.user.role} has no centre queues`);
  const policy = policyOf(catalog, auth.user.city);
  const n = names(policy);
  const tabs = await Promise.all([s.inbox(auth.actor, 'to-sign', 'unit', PAGE), s.inbox(auth.actor, 'in-progress', 'unit', PAGE)]);
  const tasks: InboxItemView[] = tabs.flatMap((t) => t.items);
  const units = new Map<string, string | null>();
  await Promise.all(
    [...new Set(tasks.map((t) => t.orderId))].map(async (id) => units.set(id, (await s.order(auth.actor, id)).order.leadUnit)),
  );
  tasks.sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity));
  const sections = CENTRE_QUEUES.map((key) => {
    const items = tasks
      .filter((t) => centreQueueOf(policy, t.formKey) === key)
      .map((t) => ({
        id: t.id,
        orderId: t.order.id,
        orderNumber: t.order.number,
        category: n.category(t.order.category),
        title: t.order.title,
        name: t.name,
        unit: units.get(t.orderId) ?? translate('centre.noUnit'),
        due: t.dueAt ? formatTime(t.dueAt.toISOString(), policy.timezone) : translate('inbox.noDue'),
        countdown: countdown(t.remainingSeconds, t.flags),
        assignee: t.assignee,
      }));
    return { key, label: translate(`centre.queues.${key}`), items, count: items.length };
  });
  return renderPage(
    'centre',
    { title: translate('centre.title'), user: auth.user, cityName: policy.name, csrfToken: auth.csrfToken, current: '/centre', script: null },
    { sections, total: tasks.length },
  );
}
