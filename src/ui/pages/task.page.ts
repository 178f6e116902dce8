import type { RequestAuth } from '../../api/middleware/authenticate';
import { presentTaskDetail } from '../../api/schemas/task-detail.schema';
import type { CityCatalog } from '../../engine/city/city-catalog';
import type { OrderServices } from '../../engine/queries/order-services';
import { countdown, fieldModel, formatTime } from '../format';
import { renderPage, translate } from '../render';
import { names, policyOf } from './page-deps';

/**
 * A task and its form from the policy: one form per outcome the user may take, each with the
 * task's fields and the outcome's own, and its own submit button (Enter submits that outcome).
 */
export async function taskPage(s: OrderServices, catalog: CityCatalog, auth: RequestAuth, id: string): Promise<string> {
  const policy = policyOf(catalog, auth.user.city);
  const d = presentTaskDetail(await s.task(auth.actor, id));
  const tz = policy.timezone;
  const outcomes = d.form.outcomes
    .filter((o) => o.roles.includes(auth.user.role))
    .map((o) => ({
      key: o.key,
      label: o.label,
      fields: [...d.form.fields, ...o.fields].map((f) => fieldModel(f, `f-${o.key}`)),
    }));
  const open = d.task.status === 'open';
  const task = {
    id: d.task.id,
    name: d.task.name,
    due: formatTime(d.task.dueAt, tz),
    countdown: countdown(d.task.remainingSeconds, d.task.flags),
    assignee: d.task.assignee,
    open,
    claimable: open && d.task.assignee === null,
  };
  const order = {
    id: d.order.id,
    number: d.order.number,
    category: names(policy).category(d.order.category),
    status: translate(`status.${d.order.status}`),
    requester: `${d.order.requester.name} ${d.order.requester.phone}`,
    due: formatTime(d.order.dueAt, tz),
    overdue: d.order.overdue,
    content: d.order.content,
  };
  return renderPage(
    'task',
    { title: `${d.task.name} ${d.order.number}`, user: auth.user, cityName: policy.name, csrfToken: auth.csrfToken, current: '/inbox', script: 'task.js' },
    { task, order, outcomes },
  );
}
