import { redactValue } from '../../shared/redact-text';
import { assertCityRole } from '../access/city-access';
import type { StoredAuditEvent } from '../ports';
import type { AuditQuery } from './audit.ports';
import type { Actor, Role } from '../work-order/actor';

/** Who reads a city's whole audit log. */
export const AUDIT_READERS: readonly Role[] = ['admin', 'supervisor', 'auditor'];

export interface AuditSearch {
  /** The caller's city when omitted; another city is refused (CITY_MISMATCH). */
  city?: string;
  orderId?: string;
  actor?: string;
  /** An event type (`task.completed`), or a prefix ending in `*` (`deadline.*`). */
  type?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

export interface AuditPage {
  items: StoredAuditEvent[];
  total: number;
  page: number;
  pageSize: number;
}

/** The audit log of a city, filtered and paged, for its administrators, supervisors and auditors (numbers masked). */
export class AuditLogService {
  constructor(private readonly query: AuditQuery) {}

  async search(actor: Actor, s: AuditSearch): Promise<AuditPage> {
    const city = s.city ?? actor.city;
    assertCityRole(actor, city, AUDIT_READERS, "read the city's audit log");
    const { events, total } = await this.query.search({
      city,
      orderId: s.orderId,
      actor: s.actor,
      type: s.type,
      from: s.from,
      to: s.to,
      offset: (s.page - 1) * s.pageSize,
      limit: s.pageSize,
    });
    // audit data quotes forms and notes: citizens' numbers are masked for every reader of the log
    return { items: events.map((e) => ({ ...e, data: redactValue(e.data) })), total, page: s.page, pageSize: s.pageSize };
  }
}
