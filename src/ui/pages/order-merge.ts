import type { RequestAuth } from '../../api/middleware/authenticate';
import type { OrderServices } from '../../engine/queries/order-services';
import type { Policy } from '../../engine/policy/policy.schema';
import type { WorkOrder } from '../../engine/ports';
import { formatTime } from '../format';
import { zhCN } from '../i18n/zh-CN';
import { translate } from '../render';
import { names } from './page-deps';

/** Who may undo a merge (the centre's dispatching). */
const UNDO_ROLES: ReadonlySet<string> = new Set(['dispatcher', 'admin']);

/**
 * The order page's 并单与诉求人 section: every requester the return visit calls (the first caller,
 * then each call merged in, masked until shown, audited), the order this one went into, and for
 * the centre the earlier open orders this one may be merged into. Null when there is nothing to show.
 * `requestersOnly` (the return visit's task page): the requesters to call, no orders to merge into.
 */
export async function orderMergeSection(s: OrderServices, policy: Policy, auth: RequestAuth, order: WorkOrder, requestersOnly = false): Promise<Record<string, unknown> | null> {
  const [view, candidates] = await Promise.all([s.merge.appeals(auth.actor, order.id), requestersOnly ? [] : s.merge.candidates(auth.actor, order.id)]);
  if (view.appeals.length === 0 && !view.mergedInto && candidates.length === 0) return null;
  const tz = policy.timezone;
  const n = names(policy);
  const time = (d: Date) => formatTime(d.toISOString(), tz);
  return {
    orderId: order.id,
    first: { caller: `${order.requester.name} ${order.requester.phone}`, at: time(order.createdAt), channel: n.channel(order.channel) },
    appeals: view.appeals.map((a) => ({
      caller: `${a.requester.name} ${a.requester.phone}`,
      at: time(a.calledAt),
      channel: n.channel(a.channel),
      source: a.sourceNumber ? translate('merge.fromOrder', { number: a.sourceNumber }) : translate('merge.atIntake'),
      content: a.content,
      undoId: a.undoable && a.sourceOrderId ? a.sourceOrderId : '',
    })),
    requesterVisible: view.requesterVisible,
    mergedInto: view.mergedInto,
    mergedIntoText: view.mergedInto ? translate('merge.mergedInto', { number: view.mergedInto.number }) : '',
    undoable: Boolean(view.mergedInto) && UNDO_ROLES.has(auth.user.role),
    candidates: candidates.map((o) => ({
      id: o.id,
      number: o.number,
      line: `${time(o.receivedAt)}　${translate(`status.${o.status}`)}　${o.unit ?? translate('merge.noUnit')}`,
      title: o.title,
      confirm: translate('merge.mergeConfirm', { number: o.number }),
    })),
    strings: JSON.stringify({ undoConfirm: translate('merge.undoConfirm'), undo: translate('merge.undo'), mergeInto: translate('merge.mergeInto'), codes: zhCN.merge.codes }),
  };
}
