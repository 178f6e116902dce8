import type { RequestAuth } from '../../api/middleware/authenticate';
import { FINDING_ROLES } from '../../engine/assessment/assessment.service';
import type { Policy } from '../../engine/policy/policy.schema';
import { translate } from '../render';

export interface OrderFindingForm {
  city: string;
  orderId: string;
  unit: string;
  help: string;
  kinds: Array<{ code: string; name: string }>;
  strings: string;
}

/**
 * The order page's "记录问责事项" form (HK-14 黑榜 …): for the centre's dispatchers, supervisors
 * and administrators of a city whose policy has findings, on an order with a lead unit; the
 * finding is recorded on that unit with the order's id. Null when it does not apply.
 */
export function orderFindingForm(policy: Policy, auth: RequestAuth, order: { id: string; leadUnit: string | null }): OrderFindingForm | null {
  const kinds = Object.entries(policy.assessment?.findings ?? {}).map(([code, name]) => ({ code, name }));
  if (kinds.length === 0 || !order.leadUnit || !FINDING_ROLES.includes(auth.actor.role) || auth.user.city !== policy.city) return null;
  return {
    city: policy.city,
    orderId: order.id,
    unit: order.leadUnit,
    help: translate('assessment.orderFinding.help', { unit: order.leadUnit }),
    kinds,
    strings: JSON.stringify({ recorded: translate('assessment.orderFinding.recorded'), required: translate('assessment.strings.required'), failed: translate('assessment.strings.failed') }),
  };
}
