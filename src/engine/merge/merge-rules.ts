import { ConflictError, RuleViolation } from '../../shared/errors';
import type { Policy } from '../policy/policy.schema';
import type { WorkOrder } from '../ports';
import type { OrderAppeal } from './merge.ports';
import { phoneKey } from './related-orders';

const DAY_MS = 86_400_000;

/** Still open, and not merged into another order: a call may be merged into it. */
export function isOpen(order: WorkOrder): boolean {
  return order.closedAt === null && !order.flags.includes('merged');
}

/**
 * The refusals of a merge into `target`, each naming its field (`details.field`); nothing has
 * been written when one is thrown. `source` is the order merged (null for a call at intake).
 */
export function checkTarget(target: WorkOrder, source: WorkOrder | null, field: 'id' | 'into'): void {
  const into = { field, into: target.number };
  if (source && source.city !== target.city) throw new RuleViolation('MERGE_CITY_MISMATCH', '两张工单不属于同一城市，不能并单', into);
  if (source && source.id === target.id) throw new RuleViolation('MERGE_SAME_ORDER', '不能把工单并入它自己', into);
  if (target.flags.includes('merged')) throw new RuleViolation('MERGE_TARGET_MERGED', `工单 ${target.number} 已并入其他工单，请并入那张工单`, into);
  if (target.closedAt) throw new RuleViolation('MERGE_TARGET_CLOSED', `工单 ${target.number} 已办结，不能再并入来电`, into);
}

export function checkSource(source: WorkOrder): void {
  const id = { field: 'id', order: source.number };
  if (source.flags.includes('merged')) throw new ConflictError('ORDER_ALREADY_MERGED', `工单 ${source.number} 已并单，不能再次并单`, id);
  if (source.closedAt) throw new RuleViolation('MERGE_SOURCE_CLOSED', `工单 ${source.number} 已办结，不能并单`, id);
}

/**
 * Whether the merged call makes the order a repeat (HK-11 重复办件率): the same number called
 * again within the policy's days, about the matter the order carries (the merge says it is the
 * same matter). An order already marked counts once; a city without the rule marks nothing.
 */
export function makesRepeat(policy: Policy, target: WorkOrder, appeals: readonly OrderAppeal[], phone: string, at: Date): boolean {
  const rule = policy.repeatDetection;
  if (!rule || target.flags.includes('repeat')) return false;
  const key = phoneKey(phone);
  const earlier = [{ phone: target.requester.phone, at: target.createdAt }, ...appeals.map((a) => ({ phone: a.requester.phone, at: a.calledAt }))];
  return earlier.some((e) => phoneKey(e.phone) === key && at.getTime() - e.at.getTime() <= rule.withinDays * DAY_MS);
}
