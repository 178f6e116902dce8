import type { Policy, TaskPolicy } from '../../engine/policy/policy.schema';
import { hasOwnKey, ownValue } from '../../shared/own-key';

/** The sections of the centre's work queues (/centre), in the order the page shows them. */
export const CENTRE_QUEUES = ['replies', 'returns', 'extensions', 'reminders', 'visits'] as const;
export type CentreQueue = (typeof CENTRE_QUEUES)[number];

function hasEffect(task: TaskPolicy, effect: string): boolean {
  return Object.values(task.outcomes).some((o) => (o.effects ?? []).some((e) => typeof e === 'object' && e !== null && hasOwnKey(e, effect)));
}

/**
 * Which queue a centre task belongs to, decided from its definition in the city's policy
 * (every city names its form keys differently: review / reviewReply, 退单审核 / 退回审核):
 *
 * - 回访 `visits`: the task sets the order to `visit`;
 * - 延期审核 `extensions`: sets the order to `review` and an outcome extends the order's due
 *   time (`extendOrderDue`), or its name says 延期;
 * - 退单审核 `returns`: sets the order to `review` and an outcome changes the lead unit
 *   (`setLeadUnit`), or its name says 退单 / 退回;
 * - 答复审核 `replies`: any other task that sets the order to `review` and has an `approve`
 *   outcome (the review of a unit's reply);
 * - 催办与督办 `reminders`: every other open task of the centre (催办, 督办, leader's
 *   instructions, accountability…), so no centre task is left out of the page.
 */
export function centreQueueOf(policy: Policy, formKey: string): CentreQueue {
  const task = ownValue(policy.tasks, formKey);
  if (!task) return 'reminders';
  if (task.orderStatus === 'visit') return 'visits';
  if (task.orderStatus === 'review') {
    if (hasEffect(task, 'extendOrderDue') || task.name.includes('延期')) return 'extensions';
    if (hasEffect(task, 'setLeadUnit') || /退单|退回/.test(task.name)) return 'returns';
    if (hasOwnKey(task.outcomes, 'approve')) return 'replies';
  }
  return 'reminders';
}
