import { ForbiddenError, NotFoundError } from '../../shared/errors';
import { maskPhone, redactText } from '../../shared/redact-text';
import { unitAncestors } from '../policy/load-policies';
import type { Policy } from '../policy/policy.schema';
import type { Requester, WorkOrder } from '../ports';
import type { Actor } from '../work-order/actor';

/** Roles of the hotline centre: they see and handle every order of their city. */
export const CENTRE_ROLES: ReadonlySet<string> = new Set(['operator', 'dispatcher', 'admin']);
/** Roles that read every order of their city but handle none. */
export const CITY_READ_ROLES: ReadonlySet<string> = new Set(['supervisor', 'auditor']);
/** Roles of a member unit: they see the orders of their unit and the units below it. */
export const UNIT_ROLES: ReadonlySet<string> = new Set(['handler', 'leader']);

/** The units an actor of a unit answers for: its own and every unit below it (PDS-3). */
export function unitScope(policy: Policy, actor: Actor, units: readonly string[]): boolean {
  return units.some((u) => u === actor.unit || unitAncestors(policy, u).includes(actor.unit));
}

/** May the actor see this order at all? A city's staff see only their city; a unit only its orders. */
export function canSeeOrder(policy: Policy, actor: Actor, order: WorkOrder): boolean {
  if (actor.city !== order.city) return false;
  if (CENTRE_ROLES.has(actor.role) || CITY_READ_ROLES.has(actor.role)) return true;
  return unitScope(policy, actor, [order.leadUnit ?? '', ...order.coUnits]);
}

/**
 * Throws ORDER_NOT_FOUND for an order of another city (its existence is not disclosed) and
 * ORDER_NOT_VISIBLE for an order of this city outside the actor's units.
 */
export function assertCanSeeOrder(policy: Policy, actor: Actor, order: WorkOrder): void {
  if (actor.city !== order.city) throw new NotFoundError('ORDER_NOT_FOUND', `no order ${order.id}`, { orderId: order.id });
  if (!canSeeOrder(policy, actor, order)) {
    throw new ForbiddenError('ORDER_NOT_VISIBLE', `order ${order.number} is not handled by ${actor.unit}`, { orderId: order.id });
  }
}

/** Requesters' name and phone in full: only the handling units and the centre (HK-17). */
export function canSeeRequester(policy: Policy, actor: Actor, order: WorkOrder): boolean {
  if (actor.city !== order.city) return false;
  if (CENTRE_ROLES.has(actor.role)) return true;
  return UNIT_ROLES.has(actor.role) && unitScope(policy, actor, [order.leadUnit ?? '', ...order.coUnits]);
}

/**
 * The order's content as this actor may read it: as written for those who may see the requester,
 * with every phone, ID-card number and e-mail address masked for the rest (redact-text.ts).
 */
export function readableContent(policy: Policy, actor: Actor, order: WorkOrder): string {
  return canSeeRequester(policy, actor, order) ? order.content : redactText(order.content);
}

/** 张三 → 张*, 欧阳娜娜 → 欧***, 13812340000 → 138****0000 (as redactText masks a number in text). */
export function maskRequester(r: Requester): Requester {
  const chars = [...r.name];
  const name = chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
  return { name, phone: maskPhone(r.phone) };
}
