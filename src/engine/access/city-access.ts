import { ForbiddenError } from '../../shared/errors';
import type { Actor, Role } from '../work-order/actor';

/**
 * Who may use a city's own resources (its diagram and policy versions, calendar, audit log,
 * knowledge base, users). A resource named by its city in the request answers 403 CITY_MISMATCH
 * to a user of another city (cities are public: Open311 lists them); a record addressed by its
 * id (an order, a knowledge entry) answers 404 instead, so its existence is not disclosed.
 */
export function assertSameCity(actor: Actor, city: string): void {
  if (actor.city !== city) throw new ForbiddenError('CITY_MISMATCH', `${actor.id} works for ${actor.city}, not ${city}`, { city });
}

/** ROLE_NOT_ALLOWED unless the actor has one of the roles; `what` completes "may not …". */
export function assertRole(actor: Actor, roles: readonly Role[], what: string): void {
  if (!roles.includes(actor.role)) {
    throw new ForbiddenError('ROLE_NOT_ALLOWED', `role ${actor.role} may not ${what} (allowed: ${roles.join(', ')})`, { roles });
  }
}

/** Both: a user of this city with one of these roles. */
export function assertCityRole(actor: Actor, city: string, roles: readonly Role[], what: string): void {
  assertSameCity(actor, city);
  assertRole(actor, roles, what);
}

/** Every role: any user of the city. */
export const ANY_ROLE: readonly Role[] = ['operator', 'dispatcher', 'handler', 'leader', 'supervisor', 'admin', 'auditor'];

/** Open311 partners (WeChat, web forms): they file requests and read their own through Open311, nothing else. */
export const PARTNER_ROLE: Role = 'partner';

/** ROLE_NOT_ALLOWED for a partner: every API and page but Open311 (and its own session and tokens) is staff's. */
export function assertStaff(actor: Actor, what: string): void {
  if (actor.role === PARTNER_ROLE) {
    throw new ForbiddenError(
      'ROLE_NOT_ALLOWED',
      `role partner may not ${what}: a partner account files and reads its own requests through Open311 only`,
      { roles: ANY_ROLE },
    );
  }
}
