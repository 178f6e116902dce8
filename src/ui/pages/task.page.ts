import type { RequestAuth } from '../../api/middleware/authenticate';
import { presentTaskDetail } from '../../api/schemas/task-detail.schema';
import type { CityCatalog } from '../../engine/city/city-catalog';
import type { OrderServices } from '../../engine/queries/order-services';
import type { TaskDetailView } from '../../engine/queries/task-view.service';
import type { Policy } from '../../engine/policy/policy.schema';
import type { AttachmentService } from '../../engine/attachments/attachment.service';
import { ownValue } from '../../shared/own-key';
import { countdown, fieldModel, formatTime, type FieldHints } from '../format';
import { unitTreeOptions } from '../unit-options';
import { renderPage, translate } from '../render';
import { names, policyOf } from './page-deps';
import type { PeopleDirectory } from '../timeline/history-lookup';
import { orderMergeSection } from './order-merge';
import { doneNotice, extensionModel, FileLinks, Names, namesOf, personName, reassignModel, rolesText, stepModel, waitingText } from './task-sections';

const orNone = (v: string | null): string => (v === null || v.trim() === '' ? translate('task.none') : v);

/**
 * The actions of the task the user may take, the main one first shown: the first a guard allows
 * other than the one last taken on this task (反馈诉求人 done → 回复; 申请退单 refused → 办结申请). Those a
 * guard refuses now are listed apart with the guard's reason in Chinese; those that never apply to
 * the order (a guard on its category or channel) and those of other roles are not shown.
 */
function actions(v: TaskDetailView, d: ReturnType<typeof presentTaskDetail>, hints: FieldHints) {
  const refused = new Map(v.context.refused.map((r) => [r.key, r.message]));
  // an action that never applies to this order (书面回复 of a B order, 盖章回复 of a hotline call) is not offered at all
  const never = new Set(v.context.refused.filter((r) => r.lasting).map((r) => r.key));
  const mine = d.form.outcomes.filter((o) => v.context.actable.includes(o.key) && !never.has(o.key));
  const allowed = mine.filter((o) => !refused.has(o.key));
  const last = v.context.earlier.at(-1)?.outcome;
  const main = allowed.find((o) => o.key !== last) ?? allowed[0];
  const outcomes = allowed.map((o) => ({
    key: o.key,
    label: o.label,
    main: o === main,
    fields: [...d.form.fields, ...o.fields].map((f) => fieldModel(f, `f-${o.key}`, 'data.', hints)),
  }));
  const unavailable = mine.filter((o) => refused.has(o.key)).map((o) => ({ key: o.key, label: o.label, reason: refused.get(o.key) as string }));
  return { outcomes, unavailable, several: outcomes.length > 1 };
}

/** Why this user sees the task but cannot act on it, in words (who can), or ''. */
function blockedText(people: Names, v: TaskDetailView): string {
  if (v.context.actable.length || v.task.status !== 'open') return '';
  if (v.context.blocked === 'TASK_CLAIMED_BY_OTHER') return translate('task.claimedByOther', { name: personName(people, v.task.assignee) || translate('task.none') });
  return translate('task.notYours', { unit: v.task.candidateUnit, roles: rolesText(v.task.candidateRoles) });
}

function orderModel(policy: Policy, d: ReturnType<typeof presentTaskDetail>, v: TaskDetailView) {
  const n = names(policy);
  return {
    id: d.order.id,
    number: d.order.number,
    category: n.category(d.order.category),
    channel: n.channel(v.order.channel),
    topic: orNone(v.order.topic),
    district: orNone(v.order.district),
    address: orNone(v.order.address),
    leadUnit: orNone(v.order.leadUnit),
    status: translate(`status.${d.order.status}`),
    requester: `${d.order.requester.name} ${d.order.requester.phone}`,
    due: formatTime(d.order.dueAt, policy.timezone),
    overdue: d.order.overdue,
    content: d.order.content,
  };
}

/** The order's files by id, for the `files` fields of the steps shown (a name to read, a link to open). */
async function fileLinks(files: AttachmentService, auth: RequestAuth, orderId: string): Promise<FileLinks> {
  const list = await files.list(auth.actor, orderId);
  return new Map(list.map((a) => [a.id.toLowerCase(), { name: a.name, href: `/api/attachments/${encodeURIComponent(a.id)}` }]));
}

/** On a task of the return visit (the policy's `orderStatus: visit`), every requester of a merged order, to call back. */
async function visitRequesters(s: OrderServices, policy: Policy, auth: RequestAuth, v: TaskDetailView) {
  if (ownValue(policy.tasks, v.task.formKey)?.orderStatus !== 'visit' || v.task.status !== 'open') return null;
  const order = await s.order(auth.actor, v.order.id);
  return orderMergeSection(s, policy, auth, order.order, true);
}

/**
 * A task: its order (with address, topic and district), what it is about (the reply under
 * review, the extension asked for and the deadline it would give, the return's reason, the
 * calls so far, why it was sent back), and one form per action, one shown at a time.
 */
export async function taskPage(s: OrderServices, catalog: CityCatalog, directory: PeopleDirectory, files: AttachmentService, auth: RequestAuth, id: string, done?: unknown): Promise<string> {
  const policy = policyOf(catalog, auth.user.city);
  const [v, people] = await Promise.all([s.task(auth.actor, id), namesOf(directory, auth.user.city)]);
  const [links, merge] = await Promise.all([fileLinks(files, auth, v.order.id), visitRequesters(s, policy, auth, v)]);
  const d = presentTaskDetail(v);
  const tz = policy.timezone;
  const open = d.task.status === 'open';
  const hints = { unitLabels: new Map(unitTreeOptions(policy).map((u) => [u.value, u.label])) };
  const acts = actions(v, d, hints);
  const steps = v.context.steps.map((st) => stepModel(policy, people, st, links));
  const task = {
    id: d.task.id,
    name: d.task.name,
    due: formatTime(d.task.dueAt, tz),
    countdown: countdown(d.task.remainingSeconds, d.task.flags),
    assignee: personName(people, d.task.assignee) || (d.task.assignee ? translate('task.none') : ''),
    open,
    claimable: open && d.task.assignee === null && v.context.actable.length > 0,
    handling: d.task.roles.includes('handler'),
  };
  // a unit's own task after a review: the reviewer's word (退回重办, 不同意退回) leads the page
  const last = v.context.steps.at(-1);
  const lastWord = task.handling && last && !last.byUnit ? (steps.pop() ?? null) : null;
  return renderPage(
    'task',
    { title: `${d.task.name} ${d.order.number}`, user: auth.user, cityName: policy.name, csrfToken: auth.csrfToken, current: '/inbox', script: 'task.js', scripts: merge ? ['/ui/assets/order-merge.js'] : [] },
    {
      task,
      order: orderModel(policy, d, v),
      ...acts,
      steps,
      lastWord,
      earlier: v.context.earlier.map((st) => stepModel(policy, people, st, links)),
      merge,
      earlierTitle: translate('task.earlier', { name: d.task.name, n: v.context.earlier.length }),
      extension: extensionModel(v.context.extension, tz),
      reassign: reassignModel(v.context.reassign),
      blocked: blockedText(people, v),
      waiting: v.openTasks.length ? translate('task.waiting', { next: waitingText(v.openTasks) }) : '',
      notice: await doneNotice(s, policy, auth.actor, done),
      me: { role: auth.user.role, unit: auth.actor.unit, id: auth.actor.id },
    },
  );
}
